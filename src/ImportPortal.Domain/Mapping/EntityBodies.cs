using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>The request bodies of one mapped entity, the finalise ones created only when a field goes in them.</summary>
internal sealed class EntityBodies
{
    public JsonObject Insert { get; } = [];

    public JsonObject? FinaliseStatus { get; private set; }

    public JsonObject? FinaliseDates { get; private set; }

    public JsonObject? Assign { get; private set; }

    public JsonObject? Tags { get; private set; }

    public JsonObject For(FieldStage stage) => stage switch
    {
        FieldStage.FinaliseStatus => FinaliseStatus ??= [],
        FieldStage.FinaliseDates => FinaliseDates ??= [],
        FieldStage.Assign => Assign ??= [],
        FieldStage.Tags => Tags ??= [],
        _ => Insert,
    };

    public JsonObject? Existing(FieldStage stage) => stage switch
    {
        FieldStage.FinaliseStatus => FinaliseStatus,
        FieldStage.FinaliseDates => FinaliseDates,
        FieldStage.Assign => Assign,
        FieldStage.Tags => Tags,
        _ => Insert,
    };
}
