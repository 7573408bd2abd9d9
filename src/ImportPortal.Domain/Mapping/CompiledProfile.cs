using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A profile compiled against a site's metadata: maps a record of a source table to every entity that table
/// yields (a Freshdesk ticket row gives its organisation, contact, ticket and first message; a ticket of the
/// account export also its replies and notes). Thread-safe; compile once per run.
/// </summary>
public sealed class CompiledProfile
{
    private readonly IReadOnlyList<CompiledEntity> entities;

    // A child entity's parent (a note's ticket: same table, no child; a note's file's note: same table, the child one level
    // up), found once here rather than for every record.
    private readonly Dictionary<CompiledEntity, CompiledEntity?> parents;

    internal CompiledProfile(MappingProfile profile, IReadOnlyList<CompiledEntity> entities, IReadOnlyList<ProfileProblem> problems)
    {
        Profile = profile;
        this.entities = entities;
        Problems = problems;
        Tables = entities.Select(e => e.Mapping.Source.Table).Distinct(StringComparer.Ordinal).ToList();
        parents = entities.Where(e => e.Mapping.Source.Child is not null).ToDictionary(e => e, e => entities.FirstOrDefault(p =>
            p.Mapping.Entity == e.Mapping.Source.Parent && p.Mapping.Source.Table == e.Mapping.Source.Table && p.Mapping.Source.Child == e.Mapping.Source.ParentChild));
    }

    public MappingProfile Profile { get; }

    /// <summary>What is wrong with the profile against the site, independent of any record (required fields nobody fills).</summary>
    public IReadOnlyList<ProfileProblem> Problems { get; }

    /// <summary>The logical tables the profile reads ("tickets", "users", ...).</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>The columns of a table the profile uses that the source does not have (for the mapping screen).</summary>
    public IReadOnlyList<string> MissingColumns(string table, SourceSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return entities.Where(e => e.Mapping.Source.Table == table && e.Mapping.Source.Child is null)
            .SelectMany(e => e.Columns)
            .Distinct(StringComparer.Ordinal)
            .Where(c => schema.IndexOf(c) < 0)
            .ToList();
    }

    /// <summary>
    /// The columns the entities of <paramref name="table"/> read from its records (<paramref name="child"/> null) or from
    /// its child records at that path ("notes", "notes/attachments"); null when no entity reads those records at all.
    /// </summary>
    public IReadOnlySet<string>? ColumnsRead(string table, string? child)
    {
        var readers = entities.Where(e => e.Mapping.Source.Table == table && e.Mapping.Source.Child == child).ToList();
        return readers.Count == 0 ? null : readers.SelectMany(e => e.ColumnsRead).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Every entity a record of <paramref name="table"/> yields, in profile order, children after their parents' entities.
    /// <paramref name="leftOut"/>, when given, hears how many records no entity took: the record itself (child null),
    /// and of each child table (a spam ticket's notes, a deleted note).
    /// </summary>
    /// <summary>
    /// A ticket type or a team is one document per value the rows name: a row whose value comes out empty (a group id
    /// the export's groups do not list) names none, and is no record of its own.
    /// </summary>
    private static bool NamesNone(MappedEntity mapped) => mapped.SourceKey.Length == 0 && mapped.Entity is EntityKind.TicketType or EntityKind.Team;

    public IReadOnlyList<MappedEntity> MapRecord(string table, SourceRecord record, Action<string?, int>? leftOut = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var result = new List<MappedEntity>(entities.Count);
        var read = false;
        var taken = false;
        Dictionary<string, bool[]>? childrenTaken = null;
        foreach (var entity in entities)
        {
            if (entity.Mapping.Source.Table != table)
            {
                continue;
            }

            if (entity.Mapping.Source.Child is { } child)
            {
                MapChildren(entity, child, record, result, leftOut is not null, ref childrenTaken);
            }
            else
            {
                read = true;
                if (entity.Accepts(record) && entity.Map(record, null) is var mapped && !NamesNone(mapped))
                {
                    taken = true;
                    result.Add(mapped);
                }
            }
        }

        if (leftOut is not null)
        {
            if (read && !taken)
            {
                leftOut(null, 1);
            }

            foreach (var (child, flags) in childrenTaken ?? [])
            {
                if (flags.Count(f => !f) is > 0 and var none)
                {
                    leftOut(child, none);
                }
            }
        }

        return result;
    }

    // With track, which children some entity took, by child table (made on the first child seen). A child of a child
    // ("notes/attachments") belongs to the record one level up (the note), which belongs to the table's record.
    private void MapChildren(CompiledEntity entity, string child, SourceRecord record, List<MappedEntity> result, bool track, ref Dictionary<string, bool[]>? childrenTaken)
    {
        var parent = parents[entity];
        var name = child[(child.LastIndexOf(EntitySource.PathSeparator) + 1)..];
        List<(SourceRecord Owner, bool Kept, string? OwnerParentKey)> owners;
        if (EntitySource.ParentOf(child) is { } ownerPath)
        {
            var grandparent = parent is null ? null : parents.GetValueOrDefault(parent);
            var kept = grandparent is null || grandparent.Accepts(record);
            var grandparentKey = kept ? grandparent?.KeyOf(record, null) : null;
            owners = [.. record.ChildrenOf(ownerPath).Select(o => (o, kept, grandparentKey))];
        }
        else
        {
            owners = [(record, true, null)];
        }

        var count = owners.Sum(o => o.Owner.ChildrenOf(name).Count);
        if (count == 0)
        {
            return;
        }

        bool[]? taken = null;
        if (track && !(childrenTaken ??= new(StringComparer.Ordinal)).TryGetValue(child, out taken))
        {
            childrenTaken[child] = taken = new bool[count];
        }

        var at = 0;
        foreach (var (owner, kept, ownerParentKey) in owners)
        {
            var children = owner.ChildrenOf(name);
            if (!kept || (parent is not null && !parent.Accepts(owner)))
            {
                // A record its parent's filter leaves out (a spam ticket, a deleted note) takes its children with it: they
                // would only fail for want of it.
                at += children.Count;
                continue;
            }

            var parentKey = parent?.KeyOf(owner, ownerParentKey);
            foreach (var item in children)
            {
                if (entity.Accepts(item))
                {
                    result.Add(entity.Map(item, parentKey));
                    if (taken is not null)
                    {
                        taken[at] = true;
                    }
                }

                at++;
            }
        }
    }
}
