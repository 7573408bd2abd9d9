using System.Text.Json;
using System.Text.Json.Nodes;

namespace FrappeSimulator.Metadata;

/// <summary>Reads the compact doctype JSON files embedded in this assembly.</summary>
static class MetadataFile
{
    public static DocTypeMeta Parse(Stream stream)
    {
        var root = JsonNode.Parse(stream)!.AsObject();
        var fields = root["fields"]!.AsArray().Select(f => ParseField(f!.AsObject())).ToList();
        return new DocTypeMeta(
            Name: Text(root, "name")!,
            Module: Text(root, "module") ?? "Core",
            Autoname: Text(root, "autoname") ?? "",
            NamingRule: Text(root, "naming_rule") ?? "",
            TitleField: Text(root, "title_field"),
            SortField: Text(root, "sort_field") ?? "modified",
            SortOrder: Text(root, "sort_order") ?? "DESC",
            IsTable: Flag(root, "istable"),
            IsSingle: Flag(root, "issingle"),
            Fields: fields);
    }

    public static DocFieldMeta ParseField(JsonObject f) => new(
        Fieldname: Text(f, "fieldname")!,
        Fieldtype: Text(f, "fieldtype") ?? "Data",
        Label: Text(f, "label"),
        Options: Text(f, "options"),
        Reqd: Flag(f, "reqd"),
        Unique: Flag(f, "unique"),
        Length: f["length"] is JsonValue l && l.TryGetValue(out int n) ? n : 0,
        Default: Text(f, "default"),
        FetchFrom: Text(f, "fetch_from"));

    static string? Text(JsonObject o, string key) => o[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => other.ToJsonString(),
    };

    static bool Flag(JsonObject o, string key) => o[key] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>() != 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is "1" or "true",
        _ => false,
    };
}
