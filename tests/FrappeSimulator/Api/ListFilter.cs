using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>One filter condition: field, operator, value (Frappe's dict and list forms both end up here).</summary>
sealed record ListFilter(string Field, string Operator, JsonNode? Value)
{
    public static IReadOnlyList<ListFilter> Parse(JsonNode? filters) => filters switch
    {
        null => [],
        JsonObject dict => dict.Select(p => FromDictEntry(p.Key, p.Value)).ToList(),
        JsonArray list => list.Select(FromListEntry).ToList(),
        _ => throw FrappeErrors.Fail("ValidationError", "Filters must be a dict or a list"),
    };

    public bool Matches(JsonObject doc)
    {
        var actual = JsonDocs.Text(doc, Field) ?? "";
        var expected = JsonDocs.Text(Value) ?? "";
        return Operator switch
        {
            "=" => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase) || Same(actual, expected),
            "!=" => !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase) && !Same(actual, expected),
            ">" => actual.Length > 0 && ValueOrder.Instance.Compare(actual, expected) > 0,
            "<" => actual.Length > 0 && ValueOrder.Instance.Compare(actual, expected) < 0,
            ">=" => actual.Length > 0 && ValueOrder.Instance.Compare(actual, expected) >= 0,
            "<=" => actual.Length > 0 && ValueOrder.Instance.Compare(actual, expected) <= 0,
            "like" => Like(expected).IsMatch(actual),
            "not like" => !Like(expected).IsMatch(actual),
            "in" => InItems(actual),
            "not in" => !InItems(actual),
            "is" => expected.Equals("set", StringComparison.OrdinalIgnoreCase) ? actual.Length > 0 : actual.Length == 0,
            "between" => Items().ToList() is [var low, var high] && ValueOrder.Instance.Compare(actual, low) >= 0 && ValueOrder.Instance.Compare(actual, high) <= 0,
            _ => throw FrappeErrors.Fail("ValidationError", $"Operator must be one of =, !=, >, <, >=, <=, like, not like, in, not in, is, between: {Operator}"),
        };
    }

    // Like a database index: one hash lookup per document, not a scan of the list (a batch lookup sends hundreds of values).
    HashSet<string>? itemSet;
    HashSet<double>? numberSet;

    bool InItems(string actual)
    {
        itemSet ??= new HashSet<string>(Items(), StringComparer.OrdinalIgnoreCase);
        numberSet ??= [.. itemSet.Select(i => double.TryParse(i, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : double.NaN).Where(d => !double.IsNaN(d))];
        return itemSet.Contains(actual)
            || (actual.Length > 0 && numberSet.Count > 0 && double.TryParse(actual, System.Globalization.CultureInfo.InvariantCulture, out var number) && numberSet.Contains(number));
    }

    /// <summary>The values an "=" or "in" filter asks for, when an index can answer it: none empty (an index holds no empty values).</summary>
    public IReadOnlyList<string>? IndexKeys()
    {
        var keys = Operator switch
        {
            "=" => [JsonDocs.Text(Value) ?? ""],
            "in" => Items().ToList(),
            _ => null,
        };
        return keys is null || keys.Any(k => k.Length == 0) ? null : keys;
    }

    static bool Same(string a, string b) => ValueOrder.Instance.Compare(a, b) == 0 && a.Length > 0 && b.Length > 0 && double.TryParse(a, out _);

    IEnumerable<string> Items() => Value switch
    {
        JsonArray array => array.Select(JsonDocs.Text).Select(t => t ?? ""),
        _ => (JsonDocs.Text(Value) ?? "").Split(',', StringSplitOptions.TrimEntries),
    };

    static Regex Like(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    static ListFilter FromDictEntry(string field, JsonNode? value) => value switch
    {
        JsonArray { Count: >= 2 } pair when pair[0] is JsonValue op => new(Column(field), Op(JsonDocs.Text(op)), pair[1]),
        _ => new(Column(field), "=", value),
    };

    static ListFilter FromListEntry(JsonNode? entry) => entry switch
    {
        JsonArray { Count: 4 } four => new(Column(JsonDocs.Text(four[1])!), Op(JsonDocs.Text(four[2])), four[3]),
        JsonArray { Count: 3 } three => new(Column(JsonDocs.Text(three[0])!), Op(JsonDocs.Text(three[1])), three[2]),
        JsonArray { Count: 2 } two => new(Column(JsonDocs.Text(two[0])!), "=", two[1]),
        _ => throw FrappeErrors.Fail("ValidationError", $"Invalid filter: {entry?.ToJsonString()}"),
    };

    static string Op(string? op) => (op ?? "=").Trim().ToLowerInvariant() switch
    {
        "==" => "=",
        "<>" => "!=",
        "is not" => "is not",
        var other => other,
    };

    /// <summary>"`tabHD Ticket`.`status`" → "status".</summary>
    public static string Column(string field) => field.Split('.')[^1].Trim('`', ' ');
}
