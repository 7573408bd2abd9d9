using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>
/// <c>frappe.desk.form.assign_to.add</c> (frappe-api.md §5): the document must exist; each user in <c>assign_to</c> gets
/// an Open ToDo on it, unless one is open already (then nothing happens for that user: the call is safe to repeat).
/// Frappe notifies the assignee (a Notification Log of type Assignment, which may e-mail them) unless the assignment
/// is the user's own, <c>assigned_by</c> equal to the assignee (<c>notify_assignment</c>: "return if self assigned").
/// Answers with the document's open assignments (<c>get</c>: owner and name, at most 5).
/// </summary>
sealed class AssignToMethod(SimulatedSite site)
{
    public Task Add(HttpContext http, SessionUser user, JsonObject args)
    {
        var doctype = site.Engine.Meta(RequestArgs.Text(args, "doctype") ?? "").Name;
        var name = RequestArgs.Text(args, "name") ?? throw FrappeErrors.Fail("ValidationError", "name is required");
        var reference = site.Engine.Get(doctype, name);
        var referenceName = JsonDocs.Text(reference, "name")!;
        var users = RequestArgs.Texts(args, "assign_to");
        var assignedBy = RequestArgs.Text(args, "assigned_by") ?? user.Name;
        var description = RequestArgs.Text(args, "description") is { Length: > 0 } given ? given : $"Assignment for {doctype} {referenceName}";

        site.Engine.InTransaction(tx =>
        {
            foreach (var assignee in users.Where(u => Open(doctype, referenceName).All(t => JsonDocs.Text(t, "allocated_to") != u)))
            {
                var todo = new JsonObject
                {
                    ["allocated_to"] = assignee,
                    ["reference_type"] = doctype,
                    ["reference_name"] = referenceName,
                    ["description"] = description,
                    ["status"] = "Open",
                    ["priority"] = RequestArgs.Text(args, "priority") ?? "Medium",
                    ["date"] = RequestArgs.Text(args, "date"),
                    ["assigned_by"] = assignedBy,
                };
                site.Engine.Insert("ToDo", todo, user, tx);
                if (assignedBy != assignee)
                {
                    var notification = new JsonObject
                    {
                        ["subject"] = $"{user.Name} assigned a new task {doctype} {referenceName} to you",
                        ["for_user"] = assignee,
                        ["type"] = "Assignment",
                        ["document_type"] = doctype,
                        ["document_name"] = referenceName,
                        ["from_user"] = user.Name,
                    };
                    site.Engine.Insert("Notification Log", notification, user, tx);
                }
            }

            return 0;
        });

        var assigned = Open(doctype, referenceName)
            .Take(5)
            .Select(t => (JsonNode)new JsonObject { ["owner"] = JsonDocs.Text(t, "allocated_to"), ["name"] = JsonDocs.Text(t, "name") })
            .ToArray();
        return FrappeResponses.Message(http, new JsonArray(assigned));
    }

    IEnumerable<JsonObject> Open(string doctype, string name) =>
        site.FindBy("ToDo", "reference_name", name).Where(t => JsonDocs.Text(t, "reference_type") == doctype && JsonDocs.Text(t, "status") == "Open");
}
