using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Store;

namespace FrappeSimulator.Hosting;

/// <summary>Writes a document as if it had always been there: defaults and stamps, but no validation or hooks.</summary>
sealed class Seeder(SimulatedSite site)
{
    readonly DocumentStamper stamper = new(site.Metadata, site.Store);

    /// <summary>Name from "name", the naming field, or the next autoincrement/series number; "creation", "modified", "owner" and "modified_by" are kept when given.</summary>
    public string Put(string doctype, JsonObject body)
    {
        var meta = site.Engine.Meta(doctype);
        var table = site.Store.Table(meta.Name);
        var doc = DocumentShaper.FromBody(site.Metadata, meta, body);
        DocumentShaper.ApplyDefaults(site.Metadata, meta, doc, site.Clock);
        foreach (var row in meta.TableFields.SelectMany(t => JsonDocs.Rows(doc, t.Fieldname)))
        {
            row.Remove(DocumentStamper.Unsaved);
        }

        var name = NameOf(meta, table, body, doc);
        var now = site.Clock.NowText();
        var stamp = new StandardStamp(
            JsonDocs.Text(body, "owner") ?? site.ApiUser.Name,
            JsonDocs.Text(body, "creation") ?? now,
            JsonDocs.Text(body, "modified") ?? JsonDocs.Text(body, "creation") ?? now,
            JsonDocs.Text(body, "modified_by") ?? site.ApiUser.Name,
            0);
        var stored = stamper.StoredForm(meta, stamper.Stamp(meta, doc, name, stamp));
        if (meta.IsSingle)
        {
            stored.Remove("creation");
            stored["idx"] = "0";
        }

        lock (table.WriteLock)
        {
            site.Engine.Writer.Put(table, meta, JsonDocs.Text(name)!, new StoredDocument(stored, site.Store.NextSequence()), new Transaction());
        }

        return JsonDocs.Text(name)!;
    }

    static JsonNode NameOf(Metadata.DocTypeMeta meta, DocTable table, JsonObject body, JsonObject doc)
    {
        if (meta.IsSingle)
        {
            return meta.Name;
        }

        if (body["name"] is { } given)
        {
            return JsonDocs.Clone(given)!;
        }

        if (meta.Autoname.StartsWith("field:", StringComparison.Ordinal))
        {
            return JsonDocs.Text(doc, meta.Autoname[6..])!;
        }

        if (meta.IsAutoincrement)
        {
            return table.NextNumber();
        }

        return meta.Autoname.Contains('#', StringComparison.Ordinal)
            ? table.NextNumber().ToString("0000", System.Globalization.CultureInfo.InvariantCulture)
            : HashName.New();
    }
}
