using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>Communication controller: sender name, user, status, timeline links; tells its ticket about it.</summary>
sealed class CommunicationBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    readonly TicketConversation conversation = new(site);

    /// <summary>A missing reference answers 404 DoesNotExistError (probe2-05 on 1.4.0), not a link error.</summary>
    public void BeforeLinks(DocumentContext ctx)
    {
        if (ctx.Text("reference_doctype") is { Length: > 0 } doctype && site.Metadata.Exists(doctype)
            && ctx.Text("reference_name") is { Length: > 0 } name && site.Find(doctype, name) is null)
        {
            throw FrappeErrors.NotFound(site.Metadata.Get(doctype).Name, name);
        }
    }

    public void BeforeValidate(DocumentContext ctx)
    {
        if (!ctx.IsNew)
        {
            return;
        }

        var doc = ctx.Doc;
        if (ctx.IsEmpty("sent_or_received"))
        {
            doc["sent_or_received"] = "Sent";
            doc["seen"] = 1;
        }

        doc["status"] = ctx.IsEmpty("reference_name") ? "Open" : "Linked";
        if (ctx.IsEmpty("communication_date"))
        {
            doc["communication_date"] = ctx.NowText;
        }

        if (ctx.IsEmpty("subject"))
        {
            var text = System.Text.RegularExpressions.Regex.Replace(ctx.Text("content") ?? "", "<[^>]*>", "");
            doc["subject"] = text.Length > 140 ? text[..140] : text;
        }

        if (ctx.Text("sent_or_received") == "Received" || ctx.IsEmpty("user"))
        {
            doc["user"] = ctx.User.Name;
        }

        SetSender(ctx);
        if (ctx.Text("reference_doctype") is { Length: > 0 } refDoctype && site.Find(refDoctype, ctx.Text("reference_name")!) is { } reference)
        {
            doc["reference_owner"] = JsonDocs.Text(reference, "owner");
        }

        doc["timeline_links"] = TimelineLinks.For(site, ctx);
    }

    public void Validate(DocumentContext ctx)
    {
        if (ctx.Text("communication_type") != "Communication" || ctx.Text("communication_medium") != "Email")
        {
            return;
        }

        var addresses = new[] { "recipients", "cc", "bcc" }.SelectMany(f => EmailAddress.Split(ctx.Text(f)));
        if (ctx.Text("sent_or_received") == "Sent")
        {
            addresses = addresses.Append(ctx.Text("sender") ?? "");
        }

        if (addresses.FirstOrDefault(a => !EmailAddress.IsValid(a)) is { } invalid)
        {
            throw FrappeErrors.Fail("InvalidEmailAddressError", $"{invalid} is not a valid Email Address");
        }
    }

    public void AfterInsert(DocumentContext ctx) => conversation.OnCommunication(ctx);

    /// <summary>Frappe's chain: "Name &lt;addr&gt;", else the User's full name, else the Contact's first+last name (no space).</summary>
    void SetSender(DocumentContext ctx)
    {
        if (ctx.Text("sender") is not { Length: > 0 } sender)
        {
            return;
        }

        var address = EmailAddress.Address(sender) ?? sender;
        ctx.Doc["sender"] = address;
        if (!ctx.IsEmpty("sender_full_name"))
        {
            return;
        }

        var fullName = EmailAddress.DisplayName(sender)
            ?? site.FindBy("User", "email", address).Select(u => JsonDocs.Text(u, "full_name")).FirstOrDefault()
            ?? site.FindBy("Contact", "email_id", address)
                .Select(c => (JsonDocs.Text(c, "first_name") ?? "") + (JsonDocs.Text(c, "last_name") ?? ""))
                .FirstOrDefault(n => n.Length > 0);
        ctx.Doc["sender_full_name"] = fullName ?? address;
    }
}
