namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Which records make an entity: those whose <see cref="Column"/> is one of <see cref="Values"/> (case-insensitive),
/// or is not empty when no values are given; <see cref="Negate"/> turns the test around.
/// </summary>
public sealed record RowFilter(string Column, IReadOnlyList<string>? Values = null, bool Negate = false);
