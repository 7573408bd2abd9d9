using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>HD Ticket after_insert: the description's "Received" Communication, the acknowledgement e-mail, team assignment.</summary>
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

        AssignToTeam(ctx);
    }

    /// <summary>The team's round-robin Assignment Rule fires on insert when the ticket is Open (fidelity-15).</summary>
    void AssignToTeam(DocumentContext ctx)
    {
        if (ctx.Text("agent_group") is not { Length: > 0 } team || ctx.Text("status") != "Open")
        {
            return;
        }

        var ruleName = JsonDocs.Text(site.Find("HD Team", team) ?? [], "assignment_rule");
        if (ruleName is null || site.Find("Assignment Rule", ruleName) is not { } rule || JsonDocs.IsTrue(rule["disabled"]))
        {
            return;
        }

        var users = JsonDocs.Rows(rule, "users").Select(r => JsonDocs.Text(r, "user")).OfType<string>().ToList();
        if (users.Count == 0)
        {
            return;
        }

        var given = site.FindBy("ToDo", "assignment_rule", ruleName).Count();
        var todo = new JsonObject
        {
            ["allocated_to"] = users[given % users.Count],
            ["reference_type"] = "HD Ticket",
            ["reference_name"] = ctx.ProvisionalName,
            ["description"] = $"Automatic Assignment: {ctx.Text("subject")}",
            ["assigned_by"] = ctx.User.Name,
            ["assignment_rule"] = ruleName,
        };
        site.Engine.Insert("ToDo", todo, ctx.User, ctx.Transaction);
    }
}
