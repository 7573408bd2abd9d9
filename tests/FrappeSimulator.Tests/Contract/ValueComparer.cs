using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FrappeSimulator.Tests.Contract;

/// <summary>Compares recorded and simulated JSON values, tolerating only what differs run to run.</summary>
public static class ValueComparer
{
    static readonly HashSet<string> RunToRunKeys = ["creation", "modified", "key", "userid", "__frappe_exc_id"];

    public static void Compare(string path, JsonNode? expected, JsonNode? actual, string key, List<string> differences)
    {
        if (RunToRunKeys.Contains(key))
        {
            return;
        }

        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    differences.Add($"{path}: expected null, got {ResponseComparer.Show(actual)}");
                }

                break;
            case JsonObject obj when actual is JsonObject other:
                ResponseComparer.KeySets(path, obj, other, differences);
                foreach (var (childKey, value) in obj)
                {
                    Compare($"{path}.{childKey}", value, other[childKey], childKey, differences);
                }

                break;
            case JsonArray array when actual is JsonArray other:
                CompareArrays(path, key, array, other, differences);
                break;
            case JsonValue value when actual is JsonValue other:
                CompareScalars(path, value, other, differences);
                break;
            default:
                differences.Add($"{path}: expected {ResponseComparer.Show(expected)}, got {ResponseComparer.Show(actual)}");
                break;
        }
    }

    /// <summary>Timeline links are a set: 1.4.0 and 1.22.2 list them in different orders.</summary>
    static void CompareArrays(string path, string key, JsonArray expected, JsonArray actual, List<string> differences)
    {
        if (expected.Count != actual.Count)
        {
            differences.Add($"{path}: expected {expected.Count} items, got {actual.Count}: {ResponseComparer.Show(actual)}");
            return;
        }

        if (key == "timeline_links")
        {
            static string Link(JsonNode? row) => $"{row?["link_doctype"]}:{row?["link_name"]}";
            expected = new JsonArray(expected.OrderBy(Link, StringComparer.Ordinal).Select(WithoutIdx).ToArray());
            actual = new JsonArray(actual.OrderBy(Link, StringComparer.Ordinal).Select(WithoutIdx).ToArray());
        }

        for (var i = 0; i < expected.Count; i++)
        {
            Compare($"{path}[{i}]", expected[i], actual[i], key, differences);
        }
    }

    static JsonNode? WithoutIdx(JsonNode? row)
    {
        var copy = row?.DeepClone();
        (copy as JsonObject)?.Remove("idx");
        return copy;
    }

    static void CompareScalars(string path, JsonValue expected, JsonValue actual, List<string> differences)
    {
        var want = Text(expected);
        var got = Text(actual);
        var same = want == got
            || (Number(want) is { } a && Number(got) is { } b && a == b)
            || (want is not null && GeneratedValues.IsTimestamp(want) && got is not null && GeneratedValues.LooksLikeTimestamp(got))
            || (want is not null && GeneratedValues.IsHashName(want) && got is not null && GeneratedValues.IsHashName(got));
        if (!same)
        {
            differences.Add($"{path}: expected {ResponseComparer.Show(expected)}, got {ResponseComparer.Show(actual)}");
        }
    }

    static string? Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Null => null,
        _ => value.ToJsonString(),
    };

    static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
