using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FrappeSimulator.Store;

/// <summary>Small helpers over JsonObject documents.</summary>
public static class JsonDocs
{
    /// <summary>A deep copy built from primitives, so stored snapshots are safe to read from many threads.</summary>
    public static JsonNode? Clone(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => CloneObject(obj),
        JsonArray array => new JsonArray(array.Select(Clone).ToArray()),
        JsonValue value => CloneValue(value),
        _ => node.DeepClone(),
    };

    public static JsonObject CloneObject(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            copy[key] = Clone(value);
        }

        return copy;
    }

    /// <summary>The value as text: strings as they are, numbers in invariant form, null when absent.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "1",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "0",
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };

    public static string? Text(JsonObject doc, string key) => Text(doc[key]);

    public static bool IsEmpty(JsonNode? node) => string.IsNullOrEmpty(Text(node));

    public static bool IsTrue(JsonNode? node) =>
        Text(node) is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n != 0 : Text(node) == "true";

    public static IEnumerable<JsonObject> Rows(JsonObject doc, string tableField) =>
        doc[tableField] is JsonArray rows ? rows.OfType<JsonObject>() : [];

    /// <summary>Integers stay integers (0, not 0.0); anything else becomes a double.</summary>
    static JsonValue Number(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
            ? JsonValue.Create(l)
            : JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));

    static JsonValue? CloneValue(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => JsonValue.Create(value.GetValue<string>()),
        JsonValueKind.Number => Number(value.ToJsonString()),
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        _ => null,
    };
}
