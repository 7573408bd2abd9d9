using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Frappe;

/// <summary>
/// Frappe reads a list's filters from the query string, and gunicorn, which serves every bench site (bench's supervisor
/// config and frappe_docker start it without <c>--limit-request-line</c>), refuses a request line over 4,094 bytes with
/// a 400 page before Frappe sees it. A filter naming many values is therefore sent in chunks that fit, counted as the
/// query string carries them: a hundred ticket numbers or message names fit in one, where a hundred Vietnamese company
/// names ("Công ty TNHH Thương mại Dịch vụ Hồng Phát": each letter with a diacritic is <c>\u1ED3</c> in the JSON, eight
/// bytes escaped) take several.
/// </summary>
public static class ListFilters
{
    /// <summary>Gunicorn's default <c>limit_request_line</c>.</summary>
    public const int RequestLineLimit = 4094;

    /// <summary>
    /// The bytes one filter's values may take, escaped: the rest of a list's request line (method, path, fields, order,
    /// paging, the filter's own field and brackets) stays well under a thousand.
    /// </summary>
    public const int ValueBudget = 2800;

    /// <summary>The values in chunks of at most <paramref name="maxCount"/> whose escaped JSON fits <paramref name="budget"/> (a value too long alone is a chunk of its own).</summary>
    public static IEnumerable<IReadOnlyList<string>> Chunk(IEnumerable<string> values, int maxCount, int budget = ValueBudget) =>
        Chunk(values, v => v, maxCount, budget);

    /// <summary>The items in chunks whose values, filtered on, fit one list request.</summary>
    public static IEnumerable<IReadOnlyList<T>> Chunk<T>(IEnumerable<T> items, Func<T, string> value, int maxCount, int budget = ValueBudget)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var chunk = new List<T>();
        var used = 0;
        foreach (var item in items)
        {
            // The value as the filter's JSON writes it, escaped for the query string, and the comma after it (%2C).
            var cost = EscapedLength(value(item)) + 3;
            if (chunk.Count > 0 && (chunk.Count == maxCount || used + cost > budget))
            {
                yield return chunk;
                chunk = [];
                used = 0;
            }

            chunk.Add(item);
            used += cost;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary><c>[[field, "in", [values…]]]</c>.</summary>
    public static JsonArray In(string field, IEnumerable<string> values) =>
        [new JsonArray(field, "in", new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]))];

    public static int EscapedLength(string value) => Uri.EscapeDataString(JsonValue.Create(value).ToJsonString()).Length;
}
