namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A problem pinned to one target field. <see cref="Code"/> names a text in MappingResource (English and
/// Vietnamese) formatted with <see cref="Args"/>, whose first item is always the field.
/// </summary>
public sealed record FieldProblem(string Field, string Code, IReadOnlyList<string> Args, MappingSeverity Severity);
