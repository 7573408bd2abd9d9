using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;

namespace FrappeSimulator.Documents;

/// <summary>Turns a request body into a document: only real columns survive, defaults fill the gaps.</summary>
static class DocumentShaper
{
    /// <summary>Keeps the doctype's own fields; unknown keys are dropped silently, as Frappe does.</summary>
    public static JsonObject FromBody(MetadataRegistry registry, DocTypeMeta meta, JsonObject body)
    {
        var doc = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (meta.Field(key) is { } field && value is not null)
            {
                doc[key] = field.IsTable ? Rows(registry, field, value) : Scalar(field, value);
            }
        }

        return doc;
    }

    /// <summary>PUT semantics: listed fields overwrite, a table key replaces the whole table.</summary>
    public static void ApplyChanges(MetadataRegistry registry, DocTypeMeta meta, JsonObject doc, JsonObject changes)
    {
        foreach (var (key, value) in changes)
        {
            if (meta.Field(key) is not { } field)
            {
                continue;
            }

            if (field.IsTable)
            {
                doc[key] = KeepRowStamps(JsonDocs.Rows(doc, key).ToList(), Rows(registry, field, value ?? new JsonArray()));
            }
            else if (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.Null))
            {
                doc.Remove(key);
            }
            else
            {
                doc[key] = Scalar(field, value);
            }
        }
    }

    public static void ApplyDefaults(MetadataRegistry registry, DocTypeMeta meta, JsonObject doc, SiteClock clock)
    {
        foreach (var field in meta.DataFields)
        {
            if (!doc.ContainsKey(field.Fieldname) && DefaultOf(field, clock) is { } value)
            {
                doc[field.Fieldname] = value;
            }
        }

        foreach (var table in meta.TableFields)
        {
            if (doc[table.Fieldname] is not JsonArray rows)
            {
                doc[table.Fieldname] = rows = [];
            }

            var childMeta = registry.Find(table.Options ?? "");
            foreach (var row in rows.OfType<JsonObject>().Where(_ => childMeta is not null))
            {
                ApplyDefaults(registry, childMeta!, row, clock);
            }
        }
    }

    static JsonNode? DefaultOf(DocFieldMeta field, SiteClock clock) => field.Default switch
    {
        "Today" => field.Fieldtype == "Date" ? clock.Today() : null,
        "Now" => clock.NowText(),
        { } text when field.IsZeroWhenEmpty || field.Fieldtype == "Check" => Number(text),
        { } text => text,
        null when field.Fieldtype == "Select" && field.SelectOptions.Count > 0 => field.SelectOptions[0],
        null when field.IsZeroWhenEmpty => 0,
        _ => null,
    };

    static JsonNode Number(string text) => text switch
    {
        "True" or "true" => 1,
        "False" or "false" => 0,
        _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };

    static JsonNode? Scalar(DocFieldMeta field, JsonNode value) => value switch
    {
        JsonValue v when field.Fieldtype == "Check" && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? 1 : 0,
        JsonValue v when field.Fieldtype is "Check" or "Int" && v.GetValueKind() == JsonValueKind.String => Number(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        JsonValue => JsonDocs.Clone(value),
        _ => value.ToJsonString(),
    };

    static JsonArray Rows(MetadataRegistry registry, DocFieldMeta table, JsonNode value)
    {
        var childMeta = registry.Find(table.Options ?? "");
        var rows = new JsonArray();
        var source = value is JsonArray array ? array.OfType<JsonObject>() : [];
        foreach (var row in source.Where(_ => childMeta is not null))
        {
            var shaped = FromBody(registry, childMeta!, row);
            if (JsonDocs.Text(row, "name") is { } name)
            {
                shaped["name"] = name;
            }

            shaped[DocumentStamper.Unsaved] = 1;

            rows.Add(shaped);
        }

        return rows;
    }

    /// <summary>Rows sent back with their name keep their identity; rows without one are new.</summary>
    static JsonArray KeepRowStamps(List<JsonObject> existing, JsonArray incoming)
    {
        foreach (var row in incoming.OfType<JsonObject>())
        {
            var match = existing.FirstOrDefault(e => JsonDocs.Text(row, "name") is { } n && JsonDocs.Text(e, "name") == n);
            foreach (var key in new[] { "owner", "creation" })
            {
                if (match?[key] is { } stamp)
                {
                    row[key] = JsonDocs.Clone(stamp);
                }
            }
        }

        return incoming;
    }
}
