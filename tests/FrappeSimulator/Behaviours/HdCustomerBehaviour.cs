using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>
/// Helpdesk 1.28 HD Customer: its contacts are rows of its own <c>contacts</c> table; one contact once; the primary
/// contact must be one of them and is made a manager; e-mail and mobile are read from the primary contact.
/// </summary>
sealed class HdCustomerBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    public const string DuplicateContacts = "Duplicate contacts are not allowed";

    public void BeforeValidate(DocumentContext ctx)
    {
        var primary = ctx.Text("primary_contact");
        foreach (var row in JsonDocs.Rows(ctx.Doc, "contacts").Where(r => Same(JsonDocs.Text(r, "contact_name"), primary)))
        {
            row["is_manager"] = 1;
        }

        var contact = string.IsNullOrEmpty(primary) ? null : site.Find("Contact", primary);
        ctx.Doc["email_id"] = contact is null ? null : JsonDocs.Text(contact, "email_id");
        ctx.Doc["mobile_no"] = contact is null ? null : JsonDocs.Text(contact, "mobile_no");
    }

    public void Validate(DocumentContext ctx)
    {
        var members = JsonDocs.Rows(ctx.Doc, "contacts").Select(r => JsonDocs.Text(r, "contact_name") ?? "").ToList();
        if (members.Distinct(StringComparer.OrdinalIgnoreCase).Count() != members.Count)
        {
            throw FrappeErrors.Fail("ValidationError", DuplicateContacts);
        }

        if (ctx.Text("primary_contact") is { Length: > 0 } primary && !members.Exists(m => Same(m, primary)))
        {
            throw FrappeErrors.Fail("ValidationError", $"Primary contact {primary} must be one of the contacts of this customer");
        }
    }

    /// <summary>The HD Customers a contact is a member of (Helpdesk 1.28 reads only this table), oldest first.</summary>
    public static List<string> CustomersOf(SimulatedSite site, string contact) =>
        site.All("HD Customer")
            .Where(c => JsonDocs.Rows(c, "contacts").Any(r => Same(JsonDocs.Text(r, "contact_name"), contact)))
            .Select(c => JsonDocs.Text(c, "name")!)
            .ToList();

    static bool Same(string? a, string? b) => !string.IsNullOrEmpty(a) && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
