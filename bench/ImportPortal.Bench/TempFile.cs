namespace ImportPortal.Bench;

/// <summary>A generated input under the temp folder, deleted on dispose even when the scenario fails.</summary>
internal sealed class TempFile : IDisposable
{
    private TempFile(string path) => Path = path;

    public string Path { get; }

    public long Length => new FileInfo(Path).Length;

    public double Megabytes => Length / (1024.0 * 1024.0);

    public static TempFile Create(string extension) =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"importportal-bench-{Guid.NewGuid():N}{extension}"));

    public FileStream OpenWrite() => new(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    public void Dispose() => File.Delete(Path);
}
