namespace ImportPortal.Domain.Sources;

/// <summary>
/// What the sniffer found: the container kind, for text the encoding, delimiter and byte-order mark, how sure it is
/// (0..1), the problems it noticed, and for a ZIP the logical tables it holds ("tickets", "users", ...).
/// </summary>
public sealed record SourceFormat(
    string File,
    SourceFileKind Kind,
    string? EncodingName = null,
    char? Delimiter = null,
    bool HasBom = false,
    double Confidence = 1,
    IReadOnlyList<SourceProblem>? Problems = null,
    IReadOnlyList<string>? Tables = null)
{
    public IReadOnlyList<SourceProblem> Problems { get; init; } = Problems ?? [];

    public IReadOnlyList<string> Tables { get; init; } = Tables ?? [];

    /// <summary>The first error, when the upload cannot be read at all.</summary>
    public SourceProblem? Error => Problems.FirstOrDefault(p => p.Severity == ProblemSeverity.Error);
}
