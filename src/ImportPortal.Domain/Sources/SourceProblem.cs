namespace ImportPortal.Domain.Sources;

/// <summary>
/// Something the operator should know about a source. <see cref="Code"/> is a key of <c>SourceResource.resx</c>;
/// its text is formatted with <see cref="Args"/> (by convention {0} is the file name, then the row and the column
/// when the code has them, then the code's own details), so the host can show it in English or Vietnamese.
/// </summary>
public sealed record SourceProblem(
    string Code,
    string File,
    long? Row,
    string? Column,
    IReadOnlyList<string> Args,
    ProblemSeverity Severity)
{
    /// <summary>A plain English fallback for logs and exception messages; the UI uses the resource text.</summary>
    public override string ToString()
    {
        var where = Row is { } row ? $" row {row}" : "";
        where += Column is null ? "" : $" column {Column}";
        return $"{Severity} {Code}: {File}{where} [{string.Join(" | ", Args)}]";
    }
}
