using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// One entity mapped from one source record: the body of the insert and of each finalise PUT (null when it has
/// nothing), the references the loop resolves before sending, memberships to add to organisations after the
/// insert (Helpdesk 1.28+), and every problem pinned to its field.
/// </summary>
public sealed record MappedEntity(
    EntityKind Entity,
    string Doctype,
    string SourceKey,
    JsonObject InsertBody,
    JsonObject? FinaliseStatus,
    JsonObject? FinaliseDates,
    IReadOnlyList<EntityReference> References,
    IReadOnlyList<FieldProblem> Problems,
    IReadOnlyList<FieldLinkCheck> LinkChecks,
    IReadOnlyList<EntityReference> MemberOf)
{
    /// <summary>The field on the site that keeps <see cref="SourceKey"/> (null when the site has none).</summary>
    public string? ExternalIdField { get; init; }

    /// <summary>A ticket's assignment (<c>{"assign_to": user}</c>), sent after its finalise; null when it has none.</summary>
    public JsonObject? Assign { get; init; }

    /// <summary>A ticket's tags (<c>{"tags": [...]}</c>), added after its finalise PUTs; null when it has none.</summary>
    public JsonObject? Tags { get; init; }

    public bool HasErrors => Problems.Any(p => p.Severity == MappingSeverity.Error);
}
