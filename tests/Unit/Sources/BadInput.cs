using ImportPortal.Domain.Sources;

namespace ImportPortal.Tests.Unit.Sources;

/// <summary>
/// One malformed or hostile upload: its name (as the operator uploaded it), how to get its bytes, and the problem
/// it must produce (null: it must read cleanly, its first value being <see cref="FirstValue"/>).
/// </summary>
public sealed record BadInput(
    string Name,
    Func<byte[]> Bytes,
    string? Code,
    ProblemSeverity Severity = ProblemSeverity.Error,
    long? Row = null,
    string? Column = null,
    SourceReadOptions? Options = null,
    string? FirstValue = null)
{
    public override string ToString() => Name;
}
