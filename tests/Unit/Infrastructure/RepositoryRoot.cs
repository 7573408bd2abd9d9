namespace ImportPortal.Tests.Unit.Infrastructure;

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ImportPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("ImportPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
