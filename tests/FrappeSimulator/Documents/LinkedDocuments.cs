using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Documents;

/// <summary>Frappe refuses to delete a document other documents link to (LinkExistsError).</summary>
static class LinkedDocuments
{
    public static void ThrowIfLinked(SimulatedSite site, DocTypeMeta meta, string name)
    {
        foreach (var other in site.Metadata.Names.Select(site.Metadata.Get).Where(m => !m.IsTable && !m.IsSingle))
        {
            foreach (var field in other.DataFields.Where(f => f.IsLink && f.Options == meta.Name))
            {
                var linked = site.All(other.Name).FirstOrDefault(d =>
                    string.Equals(JsonDocs.Text(d, field.Fieldname), name, StringComparison.OrdinalIgnoreCase));
                if (linked is not null)
                {
                    var otherName = JsonDocs.Text(linked, "name");
                    throw FrappeErrors.Fail(
                        "LinkExistsError",
                        $"Cannot delete or cancel because {meta.Name} <a href=\"/app/{Slug(meta.Name)}/{name}\">{name}</a> is linked with {other.Name} <a href=\"/app/{Slug(other.Name)}/{otherName}\">{otherName}</a>");
                }
            }
        }
    }

    static string Slug(string doctype) => doctype.ToLowerInvariant().Replace(' ', '-');
}
