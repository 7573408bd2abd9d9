namespace FrappeSimulator.Tests.Contract;

/// <summary>Finds shared/frappe-samples beside the repository and lists its recordings in replay order.</summary>
public static class RecordingLibrary
{
    public const string V1_4 = "helpdesk-1.4.0";
    public const string V1_22 = "helpdesk-1.22.2";

    /// <summary>Walks up from the test binaries to the first folder holding shared/frappe-samples; fails when there is none.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "frappe-samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No shared/frappe-samples found above {AppContext.BaseDirectory}: the recordings must sit beside the repository.");
    }

    /// <summary>
    /// The order the recordings were made in (their timestamps show it): numbered files, then probe-*, probe2-*,
    /// and fidelity-* last. Later files depend on earlier ones (a customer from 01 is used in 03).
    /// </summary>
    public static IReadOnlyList<string> Files(string version) =>
        Directory.GetFiles(Path.Combine(Root(), version), "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .OrderBy(Phase)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();

    static int Phase(string file) => file switch
    {
        _ when char.IsDigit(file[0]) => 0,
        _ when file.StartsWith("probe2-", StringComparison.Ordinal) => 2,
        _ when file.StartsWith("probe-", StringComparison.Ordinal) => 1,
        _ => 3,
    };
}
