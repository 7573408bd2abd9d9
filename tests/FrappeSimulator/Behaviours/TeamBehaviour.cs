using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>HD Team creates its round-robin "&lt;team&gt; - Support Rotation" Assignment Rule (fidelity-04, fidelity-19).</summary>
sealed class TeamBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    public void BeforeValidate(DocumentContext ctx)
    {
        if (ctx.IsNew)
        {
            ctx.Doc["assignment_rule"] = RuleName(ctx.Text("team_name"));
        }
    }

    public void AfterInsert(DocumentContext ctx)
    {
        var team = ctx.Text("team_name");
        var users = JsonDocs.Rows(ctx.Doc, "users").Select(u => (JsonNode)new JsonObject { ["user"] = JsonDocs.Text(u, "user") }).ToArray();
        var rule = new JsonObject
        {
            ["name"] = RuleName(team),
            ["document_type"] = "HD Ticket",
            ["rule"] = "Round Robin",
            ["priority"] = 0,
            ["disabled"] = 0,
            ["assign_condition"] = $"status == 'Open' and agent_group == '{team}'",
            ["users"] = new JsonArray(users),
        };
        site.Engine.Insert("Assignment Rule", rule, ctx.User, ctx.Transaction);
    }

    static string RuleName(string? team) => $"{team} - Support Rotation";
}
