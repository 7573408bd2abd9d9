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

    internal CompiledProfile(MappingProfile profile, IReadOnlyList<CompiledEntity> entities, IReadOnlyList<ProfileProblem> problems)
    {
        Profile = profile;
        this.entities = entities;
        Problems = problems;
        Tables = entities.Select(e => e.Mapping.Source.Table).Distinct(StringComparer.Ordinal).ToList();
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

    /// <summary>Every entity a record of <paramref name="table"/> yields, in profile order, children after their parents' entities.</summary>
    public IReadOnlyList<MappedEntity> MapRecord(string table, SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var result = new List<MappedEntity>(entities.Count);
        foreach (var entity in entities)
        {
            if (entity.Mapping.Source.Table != table)
            {
                continue;
            }

            if (entity.Mapping.Source.Child is { } child)
            {
                MapChildren(entity, child, record, result);
            }
            else if (entity.Accepts(record))
            {
                result.Add(entity.Map(record, null));
            }
        }

        return result;
    }

    private void MapChildren(CompiledEntity entity, string child, SourceRecord record, List<MappedEntity> result)
    {
        var children = record.ChildrenOf(child);
        if (children.Count == 0)
        {
            return;
        }

        var parent = entities.FirstOrDefault(e => e.Mapping.Entity == entity.Mapping.Source.Parent && e.Mapping.Source.Table == entity.Mapping.Source.Table && e.Mapping.Source.Child is null);
        if (parent is not null && !parent.Accepts(record))
        {
            // A record its parent's filter leaves out (a spam ticket) takes its children with it: they would only fail
            // for want of it.
            return;
        }

        var parentKey = parent?.KeyOf(record, null);
        foreach (var item in children)
        {
            if (entity.Accepts(item))
            {
                result.Add(entity.Map(item, parentKey));
            }
        }
    }
}
