namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A field that names another entity by its source key (a ticket's contact, a reply's ticket). The import loop
/// resolves the key to the Frappe name through the ledger and writes it at <see cref="Field"/> (see <see cref="ReferenceWriter"/>).
/// </summary>
public sealed record EntityReference(EntityKind Entity, string SourceKey, string Field);
