using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;

namespace FrappeSimulator.Behaviours;

/// <summary>frappe.sendmail: a queued mail is sent at once unless sending is suspended (toggle_sending), then it waits as "Not Sent".</summary>
static class EmailQueue
{
    public static void Enqueue(SimulatedSite site, DocumentContext ctx, string recipient, string subject, string referenceDoctype, string referenceName)
    {
        var mail = new JsonObject
        {
            ["sender"] = "Helpdesk <support@example.com>",
            ["recipients"] = new JsonArray(new JsonObject { ["recipient"] = recipient, ["status"] = site.EmailSendingSuspended ? "Not Sent" : "Sent" }),
            ["message"] = subject,
            ["status"] = site.EmailSendingSuspended ? "Not Sent" : "Sent",
            ["reference_doctype"] = referenceDoctype,
            ["reference_name"] = referenceName,
        };
        site.Engine.Insert("Email Queue", mail, ctx.User, ctx.Transaction);
    }
}
