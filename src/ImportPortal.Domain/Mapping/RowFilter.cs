using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Which records make an entity: those whose <see cref="Column"/> is one of <see cref="Values"/> (case-insensitive),
/// or is not empty when no values are given; <see cref="Negate"/> turns the test around.
/// </summary>
public sealed record RowFilter(string Column, IReadOnlyList<string>? Values = null, bool Negate = false)
{
    /// <summary>Whether a record whose <see cref="Column"/> holds <paramref name="value"/> passes.</summary>
    public bool Admits(SourceValue value)
    {
        var hit = Values is not { Count: > 0 }
            ? !value.IsEmpty
            : !value.IsEmpty && Values.Contains(TextOf.Value(value).Trim(), StringComparer.OrdinalIgnoreCase);
        return hit != Negate;
    }
}
