using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>HD Ticket after_insert and on_update: the description's "Received" Communication, the acknowledgement, notification and feedback e-mails, assignment rules.</summary>
sealed class TicketFollowUps(SimulatedSite site)
{
    public void AfterInsert(DocumentContext ctx)
    {
        var name = ctx.Doc["name"]?.DeepClone() ?? ctx.ProvisionalName;
        if (ctx.Text("description") is { Length: > 0 } description)
        {
            var communication = new JsonObject
            {
                ["communication_type"] = "Communication",
                ["communication_medium"] = "Email",
                ["sent_or_received"] = "Received",
                ["subject"] = $"Re: {ctx.Text("subject")}",
                ["sender"] = ctx.User.Email,
                ["content"] = description,
                ["reference_doctype"] = "HD Ticket",
                ["reference_name"] = name.DeepClone(),
                ["communication_date"] = ctx.NowText,
            };
            site.Engine.Insert("Communication", communication, ctx.User, ctx.Transaction);
        }

        if (JsonDocs.IsTrue(site.Settings["send_acknowledgement_email"]) && !JsonDocs.IsTrue(ctx.Doc["via_customer_portal"]))
        {
            EmailQueue.Enqueue(site, ctx, ctx.Text("raised_by") ?? "", $"Ticket #{ctx.ProvisionalName}: We've received your request", "HD Ticket", ctx.ProvisionalName);
        }

        NotificationRules.OnNewTicket(site, ctx);
        AssignmentRules.Apply(site, ctx);
    }

    /// <summary>
    /// A status change may mail the customer a feedback request (enable_email_ticket_feedback; on
    /// send_email_feedback_on_status when set, else on entering a Resolved-category status; not for portal or rated
    /// tickets). Then the assignment rules run, as on every save.
    /// </summary>
    public void AfterSave(DocumentContext ctx)
    {
        if (ctx.Changed("status") && WantsFeedback(ctx))
        {
            EmailQueue.Enqueue(site, ctx, ctx.Text("raised_by") ?? "", $"Ticket #{ctx.ProvisionalName}: How would you rate our support?", "HD Ticket", ctx.ProvisionalName);
        }

        AssignmentRules.Apply(site, ctx);
    }

    bool WantsFeedback(DocumentContext ctx)
    {
        var settings = site.Settings;
        if (!JsonDocs.IsTrue(settings["enable_email_ticket_feedback"]) || JsonDocs.IsTrue(ctx.Doc["via_customer_portal"]) || !ctx.IsEmpty("feedback_rating") && ctx.Text("feedback_rating") != "0")
        {
            return false;
        }

        var status = ctx.Text("status");
        return JsonDocs.Text(settings, "send_email_feedback_on_status") is { Length: > 0 } on ? on == status : TicketStatus.IsResolved(site, status);
    }
}
