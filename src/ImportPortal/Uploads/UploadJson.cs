using ImportPortal.Domain.Sources;
using ImportPortal.Persistence;

namespace ImportPortal.Uploads;

/// <summary>Reads the JSON an upload keeps: its analysis and its problems.</summary>
public static class UploadJson
{
    public static UploadAnalysis? ReadAnalysis(string? json) => StoredJson.Read<UploadAnalysis>(json);

    public static IReadOnlyList<SourceProblem> ReadProblems(string? json) => StoredJson.Read<List<SourceProblem>>(json) ?? [];

    /// <summary>The named tables an upload holds (an account export's tickets, users, companies...); none for a single-table file.</summary>
    public static IReadOnlyList<string> TablesOf(Upload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return ReadAnalysis(upload.ProfileJson)?.Tables.Select(t => t.Name).Where(n => n.Length > 0).ToList() ?? [];
    }

    /// <summary>
    /// When an upload is bound to <paramref name="table"/>: the profile's other tables it also holds that nothing is
    /// bound to yet, which it fills too (an account export chosen for "tickets" brings its "users" and "companies").
    /// </summary>
    public static IEnumerable<string> AlsoFills(IEnumerable<string> profileTables, string table, IReadOnlyList<string> inside, Func<string, bool> isBound) =>
        profileTables.Where(t => t != table && !isBound(t) && inside.Contains(t));
}
