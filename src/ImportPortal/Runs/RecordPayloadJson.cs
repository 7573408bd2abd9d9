using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Runs;

/// <summary>How a record's planned payload is kept in the database.</summary>
public static class RecordPayloadJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(RecordPayload payload) => JsonSerializer.Serialize(new Stored(payload.Insert, payload.FinaliseStatus, payload.FinaliseDates, payload.References, payload.Assign, payload.Tags), Options);

    public static RecordPayload Read(string json, string? overrideJson = null)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new JsonException("An empty payload.");
        var insert = overrideJson is { Length: > 0 } ? JsonNode.Parse(overrideJson) as JsonObject ?? stored.Insert : stored.Insert;
        return new RecordPayload(insert, stored.FinaliseStatus, stored.FinaliseDates, stored.References ?? []) { Assign = stored.Assign, Tags = stored.Tags };
    }

    private sealed record Stored(JsonObject Insert, JsonObject? FinaliseStatus, JsonObject? FinaliseDates, IReadOnlyList<EntityReference>? References, JsonObject? Assign = null, JsonObject? Tags = null);
}
