using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>Helpdesk 1.22 fills an empty contact from raised_by, then the customer when the contact has exactly one.</summary>
static class TicketContactLookup
{
    public static void Fill(SimulatedSite site, DocumentContext ctx)
    {
        var email = EmailAddress.Address(ctx.Text("raised_by") ?? "");
        if (ctx.IsEmpty("contact") && !string.IsNullOrEmpty(email))
        {
            var contact = site.FindBy("Contact", "email_id", email).FirstOrDefault();
            if (contact is not null)
            {
                ctx.Doc["contact"] = JsonDocs.Text(contact, "name");
            }
        }

        if (ctx.IsEmpty("customer") && site.Find("Contact", ctx.Text("contact") ?? "") is { } linked)
        {
            var customers = JsonDocs.Rows(linked, "links").Where(l => JsonDocs.Text(l, "link_doctype") == "HD Customer").ToList();
            if (customers.Count == 1)
            {
                ctx.Doc["customer"] = JsonDocs.Text(customers[0], "link_name");
            }
        }
    }
}
