namespace ImportPortal.Domain.Mapping;

/// <summary>
/// One target entity: its source, its key (the source id the ledger remembers), the external-id field that keeps
/// the key on the site when the site has it, an optional filter, and its fields. <see cref="Doctype"/> defaults
/// by entity (the organisation's from the profile).
/// </summary>
public sealed record EntityMapping(
    EntityKind Entity,
    EntitySource Source,
    FieldMapping Key,
    IReadOnlyList<FieldMapping> Fields,
    string? ExternalIdField = null,
    RowFilter? Filter = null,
    string? Doctype = null);
