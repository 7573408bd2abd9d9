using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// What a record sends, as planned from its mapped entity: the insert body, the finalise bodies (status first,
/// dates second) and the references the loop resolves through the ledger before sending.
/// </summary>
public sealed record RecordPayload(
    JsonObject Insert,
    JsonObject? FinaliseStatus,
    JsonObject? FinaliseDates,
    IReadOnlyList<EntityReference> References)
{
    public static RecordPayload From(MappedEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new RecordPayload(entity.InsertBody, entity.FinaliseStatus, entity.FinaliseDates, entity.References);
    }
}
