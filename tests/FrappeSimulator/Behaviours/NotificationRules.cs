using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>
/// Admin-defined Frappe Notifications on HD Ticket (frappe-api.md §11 path 3): an enabled e-mail Notification whose
/// event is "New" mails the ticket's raised_by when a ticket is inserted. No HD Settings flag stops it; a REST client
/// can only suspend sending (the mail then waits as "Not Sent"). Conditions are not evaluated.
/// </summary>
static class NotificationRules
{
    public static void OnNewTicket(SimulatedSite site, DocumentContext ctx)
    {
        foreach (var rule in site.FindBy("Notification", "document_type", "HD Ticket"))
        {
            if (JsonDocs.IsTrue(rule["enabled"]) && JsonDocs.Text(rule, "event") == "New" && (JsonDocs.Text(rule, "channel") ?? "Email") == "Email")
            {
                var subject = JsonDocs.Text(rule, "subject") ?? JsonDocs.Text(rule, "name") ?? "Notification";
                EmailQueue.Enqueue(site, ctx, ctx.Text("raised_by") ?? "", $"{subject} #{ctx.ProvisionalName}", "HD Ticket", ctx.ProvisionalName);
            }
        }
    }
}
