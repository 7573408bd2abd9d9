using ImportPortal.Domain.Sources;
using ImportPortal.Persistence;

namespace ImportPortal.Uploads;

/// <summary>Reads the JSON an upload keeps: its analysis and its problems.</summary>
public static class UploadJson
{
    public static UploadAnalysis? ReadAnalysis(string? json) => StoredJson.Read<UploadAnalysis>(json);

    public static IReadOnlyList<SourceProblem> ReadProblems(string? json) => StoredJson.Read<List<SourceProblem>>(json) ?? [];
}
