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
        var replacements = new List<(EntityMapping Entity, FieldMapping Was, FieldMapping Now)>();
        var externalIds = new List<(EntityMapping Entity, string Field)>();
        var superseded = MappingPresets.Superseded(name);
        foreach (var shipped in preset.Entities)
        {
            if (Own(profile, preset, shipped) is not { } own)
            {
                entities.Add(shipped);
                continue;
            }

            // What the profile kept exactly as the preset used to write it, the preset now writes differently.
            replacements.AddRange(superseded
                .Where(x => x.Entity == own.Entity && x.Table == own.Source.Table && own.Fields.Prepend(own.Key).Any(f => Same(f, x.Was)))
                .Select(x => (own, x.Was, x.Now)));

            fields.AddRange(shipped.Fields.Where(f => !own.Fields.Any(o => o.Target == f.Target && o.Stage == f.Stage)).Select(f => (own, f)));

            // A field the preset now sends through an entity of its own (a ticket's type), kept by the profile exactly as
            // the preset used to write it: it is to refer to that entity, so the ticket waits on it.
            relinks.AddRange(shipped.Fields.Where(f => f.References is not null && own.Fields.Any(o => o.References is null && Same(o, f with { References = null })))
                .Select(f => (own, f)));
            if (own.Filter is null && shipped.Filter is { } filter)
            {
                filters.Add((own, filter));
            }

            // An entity the preset now recognises on the site by its key in the external-id field (contacts, since 2026-12-02).
            if (own.ExternalIdField is null && shipped.ExternalIdField is { Length: > 0 } externalId)
            {
                externalIds.Add((own, externalId));
            }
        }

        var lookups = (preset.Lookups ?? []).Where(l => !(profile.Lookups ?? []).Any(o => o.Name == l.Name)).ToList();
        var update = new PresetUpdate(fields, filters, entities, lookups) { Relinks = relinks, Replacements = replacements, ExternalIds = externalIds };
        return update.IsEmpty ? null : update;
    }

    /// <summary>The profile with the update taken in: fields appended to their entities, new entities where the preset has them.</summary>
    public static MappingProfile Apply(MappingProfile profile, PresetUpdate update)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(update);
        var entities = profile.Entities.Select(own => own with
        {
            Key = Replaced(update, own, own.Key),
            Fields =
            [
                .. own.Fields.Select(f => update.Relinks.FirstOrDefault(r => ReferenceEquals(r.Entity, own) && Same(f, r.Field with { References = null })).Field ?? Replaced(update, own, f)),
                .. update.Fields.Where(f => ReferenceEquals(f.Entity, own)).Select(f => f.Field),
            ],
            Filter = update.Filters.FirstOrDefault(f => ReferenceEquals(f.Entity, own)).Filter ?? own.Filter,
            ExternalIdField = update.ExternalIds.FirstOrDefault(x => ReferenceEquals(x.Entity, own)).Field ?? own.ExternalIdField,
        }).ToList();
        return profile with
        {
            Entities = [.. entities, .. update.Entities],
            Lookups = [.. profile.Lookups ?? [], .. update.Lookups],
        };
    }

    private static FieldMapping Replaced(PresetUpdate update, EntityMapping own, FieldMapping field) =>
        update.Replacements.FirstOrDefault(r => ReferenceEquals(r.Entity, own) && Same(field, r.Was)).Now ?? field;

    /// <summary>
    /// The profile's entity for one the preset ships: the one of the same kind and table. Where the preset has several
    /// (a contact by e-mail and one by phone), the one with the same key; else the one in the same place among them,
    /// when the profile has as many; else the first for the first of them — a profile saved before the preset had the
    /// others is offered those.
    /// </summary>
    private static EntityMapping? Own(MappingProfile profile, MappingProfile preset, EntityMapping shipped)
    {
        var owns = profile.Entities.Where(e => e.Entity == shipped.Entity && e.Source == shipped.Source).ToList();
        var group = preset.Entities.Where(e => e.Entity == shipped.Entity && e.Source == shipped.Source).ToList();
        if (group.Count == 1)
        {
            return owns.FirstOrDefault();
        }

        var place = group.IndexOf(shipped);
        return owns.FirstOrDefault(o => o.Key.Value == shipped.Key.Value)
            ?? (owns.Count >= group.Count ? owns[place] : place == 0 ? owns.FirstOrDefault() : null);
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

    /// <summary>Fields and keys of the profile, kept as the preset used to write them, that it writes differently now: the old form and the new.</summary>
    public IReadOnlyList<(EntityMapping Entity, FieldMapping Was, FieldMapping Now)> Replacements { get; init; } = [];

    /// <summary>Entities of the profile without an external-id field that the preset now writes their key to: the field of each.</summary>
    public IReadOnlyList<(EntityMapping Entity, string Field)> ExternalIds { get; init; } = [];

    public bool IsEmpty => Fields.Count == 0 && Filters.Count == 0 && Entities.Count == 0 && Lookups.Count == 0 && Relinks.Count == 0 && Replacements.Count == 0
        && ExternalIds.Count == 0;
}
