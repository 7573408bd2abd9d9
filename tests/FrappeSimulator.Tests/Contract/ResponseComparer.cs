using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FrappeSimulator.Tests.Contract;

/// <summary>
/// Compares a simulator answer with a recording: status, content type, exc_type, the decoded _server_messages,
/// and the documents key by key (same keys; values equal except timestamps, random names and uuids).
/// </summary>
public static class ResponseComparer
{
    /// <summary>Present in both, but their values differ run to run by nature.</summary>
    static readonly HashSet<string> RunToRunKeys = ["creation", "modified", "key", "userid", "exception", "exc"];

    public static IReadOnlyList<string> Compare(Recording recording, Exchange actual)
    {
        var differences = new List<string>();
        if (recording.Status != actual.Status)
        {
            differences.Add($"status: expected {recording.Status}, got {actual.Status} ({Truncate(actual.Body)})");
        }

        if (recording.ContentType is { } type && type != actual.ContentType)
        {
            differences.Add($"content type: expected {type}, got {actual.ContentType}");
        }

        if (recording.Response is JsonValue html && html.TryGetValue(out string? page))
        {
            if (page.Trim() != actual.Body.Trim())
            {
                differences.Add($"body: expected {Truncate(page)}, got {Truncate(actual.Body)}");
            }

            return differences;
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(actual.Body)!.AsObject();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException)
        {
            differences.Add($"body is not a JSON object: {Truncate(actual.Body)}");
            return differences;
        }

        CompareEnvelope(recording, recording.Response!.AsObject(), body, differences);
        return differences;
    }

    static void CompareEnvelope(Recording recording, JsonObject expected, JsonObject actual, List<string> differences)
    {
        KeySets("(body)", expected, actual, differences);
        foreach (var (key, value) in expected)
        {
            var other = actual[key];
            if (key == "_server_messages")
            {
                var want = Messages(value);
                var got = Messages(other);
                if (!want.SequenceEqual(got))
                {
                    differences.Add($"_server_messages: expected [{string.Join(" | ", want)}], got [{string.Join(" | ", got)}]");
                }
            }
            else if (key is "docs" or "data" && recording.File.Contains("probe-2", StringComparison.Ordinal) && recording.File.Contains("doctype", StringComparison.Ordinal) || recording.File.Contains("v2-meta", StringComparison.Ordinal) && key == "data")
            {
                MetaComparer.Compare(value, other, differences);
            }
            else if (!RunToRunKeys.Contains(key))
            {
                ValueComparer.Compare(key, value, other, key, differences);
            }
        }
    }

    /// <summary>Decoded twice: the message, title and indicator of each entry.</summary>
    static List<string> Messages(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue(out string? text))
        {
            return [];
        }

        return JsonNode.Parse(text)!.AsArray()
            .Select(entry => JsonNode.Parse(entry!.GetValue<string>())!.AsObject())
            .Select(m => $"{m["message"]} / {m["title"]} / {m["indicator"]}")
            .ToList();
    }

    internal static void KeySets(string path, JsonObject expected, JsonObject actual, List<string> differences)
    {
        var missing = expected.Select(p => p.Key).Except(actual.Select(p => p.Key)).ToList();
        var extra = actual.Select(p => p.Key).Except(expected.Select(p => p.Key)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            differences.Add($"{path}: missing keys [{string.Join(", ", missing)}], extra keys [{string.Join(", ", extra)}]");
        }
    }

    static string Truncate(string text) => text.Length > 400 ? text[..400] + "..." : text;

    internal static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
