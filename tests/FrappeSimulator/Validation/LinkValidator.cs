using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;

namespace FrappeSimulator.Validation;

/// <summary>Link and Dynamic Link targets must exist; found values are replaced by the target's real name.</summary>
static class LinkValidator
{
    public static void Validate(SimulatedSite site, DocTypeMeta meta, JsonObject doc)
    {
        var missing = new List<string>();
        CheckFields(site, meta, doc, "", missing);
        foreach (var table in meta.TableFields)
        {
            var childMeta = site.Metadata.Get(table.Options!);
            var rowNumber = 1;
            foreach (var row in JsonDocs.Rows(doc, table.Fieldname))
            {
                CheckFields(site, childMeta, row, $"Row #{rowNumber++}: ", missing);
            }
        }

        if (missing.Count > 0)
        {
            throw FrappeErrors.Fail("LinkValidationError", "Could not find " + string.Join(", ", missing));
        }
    }

    static void CheckFields(SimulatedSite site, DocTypeMeta meta, JsonObject doc, string prefix, List<string> missing)
    {
        foreach (var field in meta.DataFields.Where(f => f.IsLink || f.IsDynamicLink))
        {
            var value = JsonDocs.Text(doc, field.Fieldname);
            var target = field.IsLink ? field.Options : JsonDocs.Text(doc, field.Options ?? "");
            if (string.IsNullOrEmpty(value) || string.IsNullOrEmpty(target))
            {
                continue;
            }

            if (Resolve(site, target, value) is { } canonical)
            {
                doc[field.Fieldname] = canonical;
            }
            else
            {
                missing.Add($"{prefix}{field.DisplayLabel}: {value}");
            }
        }
    }

    static JsonNode? Resolve(SimulatedSite site, string target, string value)
    {
        if (target == "DocType")
        {
            return site.Metadata.Find(value) is { } meta ? JsonValue.Create(meta.Name) : null;
        }

        // Doctypes the simulator does not model (Language, Email Account...) are taken on trust.
        if (!site.Metadata.Exists(target))
        {
            return JsonValue.Create(value);
        }

        return site.Find(target, value) is { } row ? JsonDocs.Clone(row["name"]) : null;
    }
}
