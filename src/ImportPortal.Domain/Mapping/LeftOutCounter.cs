namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Counts the records no entity takes (see <see cref="CompiledProfile.MapRecord"/>), per table and child table, with a
/// few example rows; memory stays bounded by the number of tables.
/// </summary>
public sealed class LeftOutCounter(int examples = 5)
{
    private readonly Dictionary<(string Table, string? Child), Use> _uses = [];

    public void Add(string table, string? child, long row, int count)
    {
        if (!_uses.TryGetValue((table, child), out var use))
        {
            _uses[(table, child)] = use = new Use();
        }

        use.Count += count;
        if (use.Rows.Count < examples && (use.Rows.Count == 0 || use.Rows[^1] != row))
        {
            use.Rows.Add(row);
        }
    }

    /// <summary>The counts, most first; with the profile, each with the filters of the entities that read those records.</summary>
    public IReadOnlyList<LeftOutTally> Tallies(MappingProfile? profile) =>
        _uses
            .Select(u => new LeftOutTally(u.Key.Table, u.Key.Child, u.Value.Count, u.Value.Rows, FiltersOf(profile, u.Key.Table, u.Key.Child)))
            .OrderByDescending(t => t.Count)
            .ToList();

    // The entities that read the records, and for child records those that read the record they belong to: a child
    // whose parent is left out goes with it.
    private static List<EntityFilter> FiltersOf(MappingProfile? profile, string table, string? child) =>
        profile?.Entities
            .Where(e => e.Source.Table == table && (e.Source.Child == child
                || (child is not null && e.Source.Child == EntitySource.ParentOf(child) && profile.Entities.Any(c => c.Source.Child == child && c.Source.Parent == e.Entity))))
            .Select(e => new EntityFilter(e.Entity, e.Filter))
            .ToList() ?? [];

    private sealed class Use
    {
        public long Count { get; set; }

        public List<long> Rows { get; } = [];
    }
}
