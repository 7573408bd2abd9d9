using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Preflight;

/// <summary>Lenient reads of the documents a site returns, and the small JSON the facts are made of.</summary>
internal static class PreflightJson
{
    /// <summary>A string or number value as text; null when absent, null or of another kind.</summary>
    public static string? Text(JsonObject? o, string key) => o?[key] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        }
        : null;

    /// <summary>A Check value (0/1, "0"/"1", true/false); null when the key is absent or null.</summary>
    public static bool? Flag(JsonObject? o, string key) => o?[key] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.ToJsonString() is not ("0" or "0.0"),
            JsonValueKind.String => v.GetValue<string>().Trim() is not ("" or "0"),
            _ => null,
        }
        : null;

    public static int? Int(JsonObject? o, string key) =>
        int.TryParse(Text(o, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>The non-empty values of one field across rows (or child-table rows).</summary>
    public static List<string> Column(IEnumerable<JsonNode?> rows, string field) => rows
        .OfType<JsonObject>()
        .Select(r => Text(r, field))
        .Where(s => !string.IsNullOrEmpty(s))
        .Select(s => s!)
        .ToList();

    /// <summary>The rows of a child table (empty when absent).</summary>
    public static IEnumerable<JsonNode?> Rows(JsonObject? o, string table) => o?[table] as JsonArray ?? [];

    public static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>A deep copy, so the facts never share nodes with what the site returned.</summary>
    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

    public static string Join(IEnumerable<string> values) => string.Join(", ", values);
}
