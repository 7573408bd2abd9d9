using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Which records make an entity: those whose <see cref="Column"/> is one of <see cref="Values"/> (case-insensitive),
/// or is not empty when no values are given; <see cref="Negate"/> turns the test around. <see cref="And"/> adds a test
/// on another column that a record must pass too (a Freshdesk ticket neither spam nor deleted).
/// </summary>
public sealed record RowFilter(string Column, IReadOnlyList<string>? Values = null, bool Negate = false, RowFilter? And = null)
{
    /// <summary>This test and every one <see cref="And"/> adds, in order.</summary>
    public IEnumerable<RowFilter> Chain()
    {
        for (var filter = this; filter is not null; filter = filter.And)
        {
            yield return filter;
        }
    }

    /// <summary>Whether <paramref name="record"/> passes every test of the chain.</summary>
    public bool AdmitsAll(Func<string, SourceValue> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        foreach (var filter in Chain())
        {
            if (!filter.Admits(column(filter.Column)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a record whose <see cref="Column"/> holds <paramref name="value"/> passes.</summary>
    public bool Admits(SourceValue value)
    {
        var hit = Values is not { Count: > 0 }
            ? !value.IsEmpty
            : !value.IsEmpty && Values.Contains(TextOf.Value(value).Trim(), StringComparer.OrdinalIgnoreCase);
        return hit != Negate;
    }
}
