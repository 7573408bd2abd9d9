using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>
/// Helpdesk 1.22 fills an empty contact from raised_by, then the customer when the contact has exactly one: through
/// the Contact's <c>links</c> up to 1.27, through HD Customer Member rows from 1.28.
/// </summary>
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
            var customers = site.HasCustomerMembers
                ? HdCustomerBehaviour.CustomersOf(site, JsonDocs.Text(linked, "name")!)
                : JsonDocs.Rows(linked, "links").Where(l => JsonDocs.Text(l, "link_doctype") == "HD Customer").Select(l => JsonDocs.Text(l, "link_name")!).ToList();
            if (customers.Count == 1)
            {
                ctx.Doc["customer"] = customers[0];
            }
        }
    }
}
