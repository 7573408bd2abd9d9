using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Api;

/// <summary>
/// <c>frappe.desk.doctype.tag.tag.add_tags</c> (<c>tags</c> and <c>docs</c> JSON lists, <c>dt</c> the doctype): for each
/// document, each tag it lacks (compared without case, as MariaDB does) is appended to its <c>_user_tags</c> column
/// (",a,b"), and a <c>Tag</c> is made for a tag the site lacks. The column is written by SQL: the document is not saved,
/// so no hook runs and <c>modified</c> stays. A document that is not there: 404 (Frappe's <c>get_doc</c> after the
/// update). Answers <c>{}</c>, as a method that returns nothing.
/// </summary>
sealed class TagMethod(SimulatedSite site)
{
    public const string Column = "_user_tags";

    public Task AddTags(HttpContext http, SessionUser user, JsonObject args)
    {
        var doctype = site.Engine.Meta(RequestArgs.Text(args, "dt") ?? "").Name;
        var tags = RequestArgs.Texts(args, "tags").Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        var docs = RequestArgs.Texts(args, "docs");
        site.Engine.InTransaction(tx =>
        {
            foreach (var name in docs)
            {
                var doc = site.Engine.Get(doctype, name);
                var current = (JsonDocs.Text(doc, Column) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
                var added = false;
                foreach (var tag in tags.Where(t => !current.Contains(t, StringComparer.OrdinalIgnoreCase)))
                {
                    if (site.Find("Tag", tag) is null)
                    {
                        site.Engine.Insert("Tag", new JsonObject { ["name"] = tag }, user, tx);
                    }

                    current.Add(tag);
                    added = true;
                }

                if (added)
                {
                    site.Engine.SetColumn(doctype, name, Column, "," + string.Join(",", current), tx);
                }
            }

            return 0;
        });
        return FrappeResponses.Empty(http);
    }
}
