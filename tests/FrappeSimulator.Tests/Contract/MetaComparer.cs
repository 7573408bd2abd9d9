using System.Text.Json.Nodes;

namespace FrappeSimulator.Tests.Contract;

/// <summary>
/// Metadata answers are compared on what an importer reads: naming and sort settings and, per field,
/// fieldname, fieldtype, options, reqd and unique. The dozens of UI flags of a DocType are not simulated.
/// </summary>
public static class MetaComparer
{
    static readonly string[] DocKeys = ["name", "autoname", "naming_rule", "sort_field", "sort_order", "istable", "issingle", "title_field"];
    static readonly string[] FieldKeys = ["fieldname", "fieldtype", "options", "reqd", "unique"];

    public static void Compare(JsonNode? expected, JsonNode? actual, List<string> differences)
    {
        var want = expected is JsonArray docs ? docs[0]! : expected!;
        var got = actual is JsonArray actualDocs ? actualDocs[0] : actual;
        if (got is not JsonObject)
        {
            differences.Add($"metadata: got {ResponseComparer.Show(actual)}");
            return;
        }

        if (expected is JsonArray expectedDocs && actual is JsonArray gotDocs && expectedDocs.Count != gotDocs.Count)
        {
            differences.Add($"metadata: expected {expectedDocs.Count} docs, got {gotDocs.Count}");
        }

        foreach (var key in DocKeys)
        {
            ValueComparer.Compare($"meta.{key}", want[key], got[key], key, differences);
        }

        var wantFields = Fields(want);
        var gotFields = Fields(got);
        if (!wantFields.SequenceEqual(gotFields))
        {
            var firstDiff = wantFields.Zip(gotFields).FirstOrDefault(p => p.First != p.Second);
            differences.Add($"meta.fields: expected {wantFields.Count} fields, got {gotFields.Count}; first difference {firstDiff.First} vs {firstDiff.Second}");
        }
    }

    static List<string> Fields(JsonNode doc) =>
        doc["fields"]!.AsArray().Select(f => string.Join("|", FieldKeys.Select(k => Normal(f![k])))).ToList();

    static string Normal(JsonNode? value) => value?.ToJsonString() switch
    {
        null or "null" or "\"\"" or "0" => "",
        var text => text,
    };
}
