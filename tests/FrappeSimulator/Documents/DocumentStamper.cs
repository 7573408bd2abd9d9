using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;

namespace FrappeSimulator.Documents;

/// <summary>Standard fields (name, owner, creation, modified, idx, parent...) in Frappe's key order.</summary>
sealed class DocumentStamper(MetadataRegistry registry, DocumentStore store)
{
    public const string Unsaved = "__unsaved";

    public JsonObject Stamp(DocTypeMeta meta, JsonObject doc, JsonNode name, StandardStamp stamp)
    {
        var result = new JsonObject
        {
            ["name"] = JsonDocs.Clone(name),
            ["owner"] = stamp.Owner,
            ["creation"] = stamp.Creation,
            ["modified"] = stamp.Modified,
            ["modified_by"] = stamp.ModifiedBy,
            ["docstatus"] = 0,
            ["idx"] = stamp.Idx,
        };
        foreach (var field in meta.DataFields)
        {
            if (doc[field.Fieldname] is { } value)
            {
                result[field.Fieldname] = JsonDocs.Clone(value);
            }
        }

        result["doctype"] = meta.Name;
        foreach (var table in meta.TableFields)
        {
            result[table.Fieldname] = StampRows(table, JsonDocs.Rows(doc, table.Fieldname), JsonDocs.Text(name) ?? "", meta.Name, stamp);
        }

        return result;
    }

    /// <summary>The form a document has once read back from the database: typed values, no nulls, no "__unsaved".</summary>
    public JsonObject StoredForm(DocTypeMeta meta, JsonObject doc)
    {
        var stored = new JsonObject();
        foreach (var (key, value) in doc)
        {
            if (key == Unsaved || value is null)
            {
                continue;
            }

            var field = meta.Field(key);
            stored[key] = field switch
            {
                { IsTable: true } => new JsonArray(JsonDocs.Rows(doc, key).Select(r => (JsonNode)StoredForm(registry.Get(field.Options!), r)).ToArray()),
                null => JsonDocs.Clone(value),
                _ => Normalise(field, value),
            };
        }

        return stored;
    }

    JsonArray StampRows(DocFieldMeta table, IEnumerable<JsonObject> rows, string parent, string parentType, StandardStamp stamp)
    {
        var childMeta = registry.Get(table.Options!);
        var result = new JsonArray();
        var idx = 1;
        foreach (var row in rows)
        {
            var rowStamp = stamp with
            {
                Owner = JsonDocs.Text(row, "owner") ?? stamp.Owner,
                Creation = JsonDocs.Text(row, "creation") ?? stamp.Modified,
                Idx = idx++,
            };
            var name = row["name"] is { } given ? given : ChildName(childMeta);
            var stamped = Stamp(childMeta, row, name, rowStamp);
            stamped.Remove("doctype");
            stamped["parent"] = parent;
            stamped["parentfield"] = table.Fieldname;
            stamped["parenttype"] = parentType;
            stamped["doctype"] = childMeta.Name;
            if (row[Unsaved] is not null)
            {
                stamped[Unsaved] = 1;
            }

            result.Add(stamped);
        }

        return result;
    }

    JsonNode ChildName(DocTypeMeta childMeta) =>
        childMeta.IsAutoincrement ? JsonValue.Create(store.Table(childMeta.Name).NextNumber()) : HashName.New();

    /// <summary>Already "yyyy-MM-dd HH:mm:ss[.ffffff]" (what the simulator itself writes): no parsing needed.</summary>
    static bool IsCanonicalDatetime(string text) =>
        text.Length is 19 or 26 && text[4] == '-' && text[7] == '-' && text[10] == ' ' && text[13] == ':' && text[16] == ':'
        && (text.Length == 19 || (text[19] == '.' && text[20..].Any(c => c != '0')));

    static JsonNode? Normalise(DocFieldMeta field, JsonNode value)
    {
        var text = JsonDocs.Text(value);
        return field.Fieldtype switch
        {
            _ when text is null => null,
            "Datetime" when IsCanonicalDatetime(text) => text,
            "Datetime" when FrappeFormat.TryParseDatetime(text, out var dt) => FrappeFormat.Datetime(dt),
            "Date" when FrappeFormat.TryParseDatetime(text, out var d) => FrappeFormat.Date(d),
            "Time" when FrappeFormat.TryParseTime(text, out var t) => FrappeFormat.TimeOfDay(t),
            "Int" or "Check" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            "Float" or "Currency" or "Percent" or "Rating" or "Duration" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) => f,
            _ when value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && field.MaxLength is not null => text,
            _ => JsonDocs.Clone(value),
        };
    }
}
