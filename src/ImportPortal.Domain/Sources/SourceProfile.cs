namespace ImportPortal.Domain.Sources;

/// <summary>What profiling found: rows, columns, child records by kind ("notes": 1,204), and the read's warnings.</summary>
public sealed record SourceProfile(
    long Rows,
    IReadOnlyList<ColumnProfile> Columns,
    IReadOnlyDictionary<string, long> ChildRows,
    IReadOnlyList<SourceProblem> Problems,
    long ProblemCount);
