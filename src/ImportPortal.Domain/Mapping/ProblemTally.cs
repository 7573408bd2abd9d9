namespace ImportPortal.Domain.Mapping;

/// <summary>How often one problem occurs on one field of one entity across a whole source, with a few example rows.</summary>
public sealed record ProblemTally(string Code, EntityKind Entity, string Field, MappingSeverity Severity, long Count, IReadOnlyList<ProblemExample> Examples);

/// <summary>A row where a problem occurs, and the problem's arguments there (for its message).</summary>
public sealed record ProblemExample(string Table, long Row, IReadOnlyList<string> Args);
