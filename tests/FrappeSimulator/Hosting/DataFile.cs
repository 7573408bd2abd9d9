using System.Text.Json.Nodes;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;

namespace FrappeSimulator.Hosting;

/// <summary>Keeps a standalone simulator's documents across restarts: {"documents": {doctype: [...]}, "counters": {...}}.</summary>
static class DataFile
{
    public static async Task SaveAsync(SimulatedSite site, string path)
    {
        var documents = new JsonObject();
        var counters = new JsonObject();
        foreach (var table in site.Store.Tables.OrderBy(t => t.Doctype, StringComparer.Ordinal))
        {
            documents[table.Doctype] = new JsonArray(site.Store.List(table.Doctype).Select(d => (JsonNode)d).ToArray());
            counters[table.Doctype] = table.Counter;
        }

        var root = new JsonObject { ["helpdesk"] = site.HelpdeskRelease, ["documents"] = documents, ["counters"] = counters };
        await File.WriteAllTextAsync(path, root.ToJsonString());
    }

    public static async Task LoadAsync(SimulatedSite site, string path, CancellationToken cancellationToken)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!.AsObject();
        var seeder = new Seeder(site);
        foreach (var (doctype, docs) in root["documents"]?.AsObject() ?? [])
        {
            foreach (var doc in (docs as JsonArray ?? []).OfType<JsonObject>())
            {
                seeder.Put(doctype, JsonDocs.CloneObject(doc));
                if (doctype == "Custom Field")
                {
                    RegisterCustomField(site, doc);
                }
            }
        }

        foreach (var (doctype, counter) in root["counters"]?.AsObject() ?? [])
        {
            site.Store.SetNamingCounter(doctype, counter?.GetValue<long>() ?? 0);
        }
    }

    static void RegisterCustomField(SimulatedSite site, JsonObject doc) => site.Metadata.AddCustomField(
        JsonDocs.Text(doc, "dt")!,
        new DocFieldMeta(
            JsonDocs.Text(doc, "fieldname")!,
            JsonDocs.Text(doc, "fieldtype") ?? "Data",
            JsonDocs.Text(doc, "label"),
            JsonDocs.Text(doc, "options"),
            JsonDocs.IsTrue(doc["reqd"]),
            JsonDocs.IsTrue(doc["unique"]),
            int.TryParse(JsonDocs.Text(doc, "length"), out var length) ? length : 0,
            JsonDocs.Text(doc, "default"),
            JsonDocs.Text(doc, "fetch_from")),
        JsonDocs.Text(doc, "insert_after"));
}
