using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>
/// Frappe's assignment-rule doc_event on every save of a ticket (no import exemption): an unassigned ticket goes to
/// the first enabled HD Ticket rule with users, by priority, whose condition holds, round robin over its users. A disabled rule
/// assigns nothing (fidelity-15). Conditions understood: <c>field == 'value'</c> clauses joined by <c>and</c>; an
/// empty condition always holds, anything else never does.
/// </summary>
static partial class AssignmentRules
{
    public static void Apply(SimulatedSite site, DocumentContext ctx)
    {
        if (site.FindBy("ToDo", "reference_name", ctx.ProvisionalName).Any(t => JsonDocs.Text(t, "reference_type") == "HD Ticket" && JsonDocs.Text(t, "status") != "Cancelled"))
        {
            return;
        }

        var rule = site.FindBy("Assignment Rule", "document_type", "HD Ticket")
            .Where(r => !JsonDocs.IsTrue(r["disabled"]) && Users(r).Count > 0 && Holds(JsonDocs.Text(r, "assign_condition"), ctx))
            .OrderByDescending(r => r["priority"] is JsonValue v && v.TryGetValue(out int p) ? p : 0)
            .FirstOrDefault();
        if (rule is null)
        {
            return;
        }

        var users = Users(rule);

        var ruleName = JsonDocs.Text(rule, "name")!;
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

    static List<string> Users(JsonObject rule) => JsonDocs.Rows(rule, "users").Select(r => JsonDocs.Text(r, "user")).OfType<string>().ToList();

    static bool Holds(string? condition, DocumentContext ctx)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return true;
        }

        var clauses = condition.Split(" and ", StringSplitOptions.TrimEntries);
        return clauses.All(c => Clause().Match(c) is { Success: true } m && ctx.Text(m.Groups[1].Value) == m.Groups[2].Value);
    }

    [GeneratedRegex("""^\(?\s*(\w+)\s*==\s*["']([^"']*)["']\s*\)?$""")]
    private static partial Regex Clause();
}
