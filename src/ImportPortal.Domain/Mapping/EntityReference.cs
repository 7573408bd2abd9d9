namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A field that names another entity by its source key (a ticket's contact, a reply's ticket). The import loop
/// resolves the key to the Frappe name through the ledger and writes it at <see cref="Field"/> (see <see cref="ReferenceWriter"/>)
/// of the body of <see cref="Stage"/>: the insert's, or a finalise PUT's (a ticket's team, set with its status).
/// </summary>
public sealed record EntityReference(EntityKind Entity, string SourceKey, string Field, FieldStage Stage = FieldStage.Insert);
