namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>
/// A field (or an entity's key, target <c>(key)</c>) of a preset's entity as the preset used to write it, and as it
/// writes it now: a saved profile that kept the old form exactly is offered the new one (<see cref="PresetUpdates"/>).
/// </summary>
public sealed record SupersededField(EntityKind Entity, string Table, FieldMapping Was, FieldMapping Now);
