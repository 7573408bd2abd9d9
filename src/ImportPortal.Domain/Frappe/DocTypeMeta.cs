using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Frappe;

/// <summary>A doctype's shape as the site serves it: its fields and how it names documents.</summary>
public sealed record DocTypeMeta(string Name, bool IsSingle, bool IsTable, string? Autoname, IReadOnlyList<DocFieldMeta> Fields)
{
    public DocFieldMeta? Field(string fieldname) => Fields.FirstOrDefault(f => f.Fieldname == fieldname);

    public bool HasField(string fieldname) => Field(fieldname) is not null;

    /// <summary>Reads a DocType document as <c>getdoctype</c> (<c>docs[i]</c>) or <c>/api/v2/doctype/{dt}/meta</c> (<c>data</c>) return it.</summary>
    public static DocTypeMeta FromDocType(JsonObject doctype)
    {
        ArgumentNullException.ThrowIfNull(doctype);
        var fields = (doctype["fields"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(f => Text(f, "fieldname") is { Length: > 0 })
            .Select(f => new DocFieldMeta(
                Text(f, "fieldname")!,
                Text(f, "fieldtype") ?? "Data",
                Text(f, "label"),
                Text(f, "options"),
                Flag(f, "reqd"),
                Flag(f, "unique"),
                Number(f, "length"),
                Flag(f, "read_only"),
                Flag(f, "is_custom_field")))
            .ToList();
        return new DocTypeMeta(Text(doctype, "name") ?? "", Flag(doctype, "issingle"), Flag(doctype, "istable"), Text(doctype, "autoname"), fields);
    }

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Number(JsonObject o, string key) =>
        o[key] is JsonValue v ? (v.TryGetValue<int>(out var i) ? i : v.TryGetValue<string>(out var s) && int.TryParse(s, out var p) ? p : 0) : 0;

    private static bool Flag(JsonObject o, string key) => Number(o, key) != 0 || (o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b);
}
