namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>
/// What a profile made from a preset lacks of that preset as the portal ships it now — fields the preset gained since
/// (a ticket's assignee, a message's copies), entities (agents), lookups, and row filters where the profile's entity
/// has none (spam and deleted tickets) — so a saved profile can take them in one step. What the operator changed is
/// kept: a field is added only where the profile has none with its target and stage, a filter only where it has none.
/// </summary>
public static class PresetUpdates
{
    public static PresetUpdate? Find(MappingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Preset is not { } name || MappingPresets.Create(name) is not { } preset)
        {
            return null;
        }

        var fields = new List<(EntityMapping Entity, FieldMapping Field)>();
        var relinks = new List<(EntityMapping Entity, FieldMapping Field)>();
        var filters = new List<(EntityMapping Entity, RowFilter Filter)>();
        var entities = new List<EntityMapping>();
        foreach (var shipped in preset.Entities)
        {
            if (profile.Entities.FirstOrDefault(e => e.Entity == shipped.Entity && e.Source == shipped.Source) is not { } own)
            {
                entities.Add(shipped);
                continue;
            }

            fields.AddRange(shipped.Fields.Where(f => !own.Fields.Any(o => o.Target == f.Target && o.Stage == f.Stage)).Select(f => (own, f)));

            // A field the preset now sends through an entity of its own (a ticket's type), kept by the profile exactly as
            // the preset used to write it: it is to refer to that entity, so the ticket waits on it.
            relinks.AddRange(shipped.Fields.Where(f => f.References is not null && own.Fields.Any(o => o.References is null && Same(o, f with { References = null })))
                .Select(f => (own, f)));
            if (own.Filter is null && shipped.Filter is { } filter)
            {
                filters.Add((own, filter));
            }
        }

        var lookups = (preset.Lookups ?? []).Where(l => !(profile.Lookups ?? []).Any(o => o.Name == l.Name)).ToList();
        var update = new PresetUpdate(fields, filters, entities, lookups) { Relinks = relinks };
        return update.IsEmpty ? null : update;
    }

    /// <summary>The profile with the update taken in: fields appended to their entities, new entities where the preset has them.</summary>
    public static MappingProfile Apply(MappingProfile profile, PresetUpdate update)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(update);
        var entities = profile.Entities.Select(own => own with
        {
            Fields =
            [
                .. own.Fields.Select(f => update.Relinks.FirstOrDefault(r => ReferenceEquals(r.Entity, own) && Same(f, r.Field with { References = null })).Field ?? f),
                .. update.Fields.Where(f => ReferenceEquals(f.Entity, own)).Select(f => f.Field),
            ],
            Filter = update.Filters.FirstOrDefault(f => ReferenceEquals(f.Entity, own)).Filter ?? own.Filter,
        }).ToList();
        return profile with
        {
            Entities = [.. entities, .. update.Entities],
            Lookups = [.. profile.Lookups ?? [], .. update.Lookups],
        };
    }

    // Two field mappings alike in everything the operator can change (record equality would compare value maps by reference).
    private static bool Same(FieldMapping a, FieldMapping b) =>
        a.Target == b.Target && a.Stage == b.Stage && a.Origin == b.Origin && a.Value == b.Value && a.References == b.References
        && (a.Transforms ?? []).Select(Text).SequenceEqual((b.Transforms ?? []).Select(Text), StringComparer.Ordinal);

    private static string Text(TransformStep step) =>
        $"{step.Kind}|{step.Arg}|{step.Fallback}|{string.Join(";", (step.Map ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}";
}

/// <summary>What <see cref="PresetUpdates.Find"/> found: fields for the profile's entities, filters, whole entities, lookups.</summary>
public sealed record PresetUpdate(
    IReadOnlyList<(EntityMapping Entity, FieldMapping Field)> Fields,
    IReadOnlyList<(EntityMapping Entity, RowFilter Filter)> Filters,
    IReadOnlyList<EntityMapping> Entities,
    IReadOnlyList<LookupSpec> Lookups)
{
    /// <summary>Fields of the profile, as the preset used to write them, that now refer to an entity: the new form of each.</summary>
    public IReadOnlyList<(EntityMapping Entity, FieldMapping Field)> Relinks { get; init; } = [];

    public bool IsEmpty => Fields.Count == 0 && Filters.Count == 0 && Entities.Count == 0 && Lookups.Count == 0 && Relinks.Count == 0;
}
