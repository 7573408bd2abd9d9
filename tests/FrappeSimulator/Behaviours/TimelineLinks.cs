using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>A Communication links to the Contacts of its addresses and to what those contacts link to.</summary>
static class TimelineLinks
{
    public static JsonArray For(SimulatedSite site, DocumentContext ctx)
    {
        var addresses = new[] { "recipients", "cc", "bcc", "sender" }
            .SelectMany(f => EmailAddress.Split(ctx.Text(f)))
            .Select(a => EmailAddress.Address(a) ?? a)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var contacts = addresses
            .SelectMany(a => site.FindBy("Contact", "email_id", a))
            .ToList();
        var links = new List<(string Doctype, string Name)>();
        links.AddRange(contacts.Select(c => ("Contact", JsonDocs.Text(c, "name")!)));
        links.AddRange(contacts.SelectMany(c => JsonDocs.Rows(c, "links"))
            .Select(l => (JsonDocs.Text(l, "link_doctype") ?? "", JsonDocs.Text(l, "link_name") ?? "")));
        var rows = links.Distinct()
            .Select(l => (JsonNode)new JsonObject { ["link_doctype"] = l.Doctype, ["link_name"] = l.Name })
            .ToArray();
        return new JsonArray(rows);
    }
}
