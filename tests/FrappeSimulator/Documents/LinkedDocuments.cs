using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Documents;

/// <summary>Frappe refuses to delete a document other documents link to (LinkExistsError).</summary>
static class LinkedDocuments
{
    /// <summary>
    /// Indexes every Link field that points at the doctype, once, before a delete looks (outside the deleted table's
    /// lock, as indexing takes the other table's): the look is then a lookup, as MariaDB's on an indexed column, and a
    /// migration taken back off a site does not scan every message for every message it deletes.
    /// </summary>
    public static void Index(SimulatedSite site, DocTypeMeta meta)
    {
        foreach (var (other, field) in site.Metadata.LinksTo(meta.Name).Fields)
        {
            var table = site.Store.Table(other.Name);
            if (!table.Lookup.Covers(field.Fieldname))
            {
                table.Lookup.Track(table, field.Fieldname);
            }
        }
    }

    public static void ThrowIfLinked(SimulatedSite site, DocTypeMeta meta, string name)
    {
        var links = site.Metadata.LinksTo(meta.Name);
        foreach (var (other, field) in links.Fields)
        {
            // Through the lookup index when the field has one (a ticket's contact, a message's ticket), as MariaDB would.
            var linked = site.FindBy(other.Name, field.Fieldname, name).FirstOrDefault();
            if (linked is not null)
            {
                throw Linked(meta, name, other, linked);
            }
        }

        // A row of a child table links too (an Assignment Rule's users): Frappe names the row's parent.
        foreach (var (other, table, field) in links.Rows)
        {
            var parent = (site.Store.FindTable(other.Name)?.Rows.Values.Select(r => r.Data) ?? []).FirstOrDefault(d => JsonDocs.Rows(d, table.Fieldname)
                .Any(row => string.Equals(JsonDocs.Text(row, field.Fieldname), name, StringComparison.OrdinalIgnoreCase)));
            if (parent is not null)
            {
                throw Linked(meta, name, other, parent);
            }
        }
    }

    static FrappeSimulator.Validation.FrappeException Linked(DocTypeMeta meta, string name, DocTypeMeta other, System.Text.Json.Nodes.JsonObject linked)
    {
        var otherName = JsonDocs.Text(linked, "name");
        return FrappeErrors.Fail(
            "LinkExistsError",
            $"Cannot delete or cancel because {meta.Name} <a href=\"/app/{Slug(meta.Name)}/{name}\">{name}</a> is linked with {other.Name} <a href=\"/app/{Slug(other.Name)}/{otherName}\">{otherName}</a>");
    }

    static string Slug(string doctype) => doctype.ToLowerInvariant().Replace(' ', '-');
}
