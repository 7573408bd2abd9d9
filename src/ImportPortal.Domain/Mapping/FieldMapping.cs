namespace ImportPortal.Domain.Mapping;

/// <summary>
/// How one target field is filled. <see cref="Target"/> is a fieldname or a child-table cell (<c>email_ids.0.email_id</c>).
/// With <see cref="References"/> the value is the source key of another entity, resolved to its Frappe name by the
/// import loop; it appears in <see cref="MappedEntity.References"/>, not in the body.
/// </summary>
public sealed record FieldMapping(
    string Target,
    FieldOrigin Origin,
    string Value,
    IReadOnlyList<TransformStep>? Transforms = null,
    FieldStage Stage = FieldStage.Insert,
    EntityKind? References = null);
