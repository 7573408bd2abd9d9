namespace ImportPortal.Tests.E2E.Infrastructure;

/// <summary>Finds the repository and the built portal from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The portal as built by the same build as these tests (Debug or Release).</summary>
    public static string PortalDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(Root, "src", "ImportPortal", "bin", configuration, "net10.0", "ImportPortal.dll");
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException($"The portal is not built at {dll}: run ./test.sh, which builds the solution first.");
        }
    }

    public static string ArtifactsDir(string kind)
    {
        var dir = Path.Combine(Root, "artifacts", kind);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImportPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ImportPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
