namespace ImportPortal.Tests.E2E.Infrastructure;

internal static class TempFolders
{
    public static string Create(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteQuietly(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held by a dying process: the OS temp cleaner takes it later.
        }
    }
}
