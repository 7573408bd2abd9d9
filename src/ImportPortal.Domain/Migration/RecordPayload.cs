using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// What a record sends, as planned from its mapped entity: the insert body, the finalise bodies (status first,
/// dates second), the assignment and the references the loop resolves through the ledger before sending.
/// </summary>
public sealed record RecordPayload(
    JsonObject Insert,
    JsonObject? FinaliseStatus,
    JsonObject? FinaliseDates,
    IReadOnlyList<EntityReference> References)
{
    /// <summary>A ticket's assignment, <c>{"assign_to": user}</c>; null when it has none.</summary>
    public JsonObject? Assign { get; init; }

    /// <summary>A ticket's tags, <c>{"tags": [...]}</c>; null when it has none.</summary>
    public JsonObject? Tags { get; init; }

    /// <summary>The user a ticket is assigned to, or null.</summary>
    public string? Assignee => Assign?[RecordAssignment.Field] is JsonValue v && v.TryGetValue<string>(out var user) && user.Length > 0 ? user : null;

    public static RecordPayload From(MappedEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new RecordPayload(entity.InsertBody, entity.FinaliseStatus, entity.FinaliseDates, entity.References) { Assign = entity.Assign, Tags = entity.Tags };
    }
}
