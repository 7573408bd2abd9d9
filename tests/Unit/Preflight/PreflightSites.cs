using System.Text.Json.Nodes;
using ImportPortal.Domain.Preflight;
using static ImportPortal.Tests.Unit.Preflight.FakeFrappeSite;

namespace ImportPortal.Tests.Unit.Preflight;

/// <summary>Fake sites shaped like a fresh Helpdesk 1.22.2 on Frappe 15, for the preflight tests to break one thing at a time.</summary>
internal static class PreflightSites
{
    public static readonly string[] Priorities = ["Urgent", "High", "Medium", "Low"];

    /// <summary>Every check Green: Administrator, mails off, default SLA with every priority, external-id fields present.</summary>
    public static FakeFrappeSite Healthy(bool externalIds = true)
    {
        var site = new FakeFrappeSite();
        site.AddMeta("User", Field("email"), Field("roles", "Table", "Has Role"));
        site.AddMeta("HD Ticket", Field("subject"), Field("raised_by"), Field("status", "Link", "HD Ticket Status"), Field("priority", "Link", "HD Ticket Priority"));
        site.AddMeta("HD Customer", Field("customer_name"));
        site.AddMeta("Contact", Field("first_name"), Field("email_id"));
        site.AddMeta("Communication", Field("subject"), Field("message_id"));
        site.AddMeta("HD Ticket Comment", Field("reference_ticket"), Field("content", "Text Editor"));
        site.AddMeta("Customer", Field("customer_name"));
        site.AddMeta("HD Settings", Field("send_acknowledgement_email", "Check"), Field("enable_email_ticket_feedback", "Check"), Field("auto_close_tickets", "Check"), Field("auto_close_after_days", "Int"));
        site.AddMeta("Email Queue", Field("status", "Select", "Not Sent\nSending\nSent"));
        site.AddMeta("Assignment Rule", Field("document_type", "Link", "DocType"), Field("disabled", "Check"));
        site.AddMeta("Notification", Field("document_type", "Link", "DocType"), Field("enabled", "Check"));
        site.AddMeta("HD Service Level Agreement", Field("default_sla", "Check"), Field("enabled", "Check"), Field("priorities", "Table", "HD Service Level Priority"));
        site.AddMeta("HD Ticket Priority", Field("integer_value", "Int"));
        site.AddMeta("HD Ticket Status", Field("label_agent"), Field("category", "Select", "Open\nPaused\nResolved"));
        site.AddMeta("HD Ticket Type", Field("description"));
        site.AddMeta("HD Team", Field("team_name"));
        site.AddMeta("Custom Field", Field("dt", "Link", "DocType"), Field("fieldname"));
        if (externalIds)
        {
            foreach (var doctype in ExternalIdFields.DocTypes)
            {
                site.AddFields(doctype, Field(ExternalIdFields.Fieldname, custom: true));
            }
        }

        AddDocuments(site);
        return site;
    }

    public static JsonObject Sla(string name, bool isDefault, bool enabled, params string[] priorities) => new()
    {
        ["name"] = name,
        ["default_sla"] = isDefault ? 1 : 0,
        ["enabled"] = enabled ? 1 : 0,
        ["priorities"] = new JsonArray(priorities.Select(p => (JsonNode?)new JsonObject { ["priority"] = p }).ToArray()),
    };

    private static void AddDocuments(FakeFrappeSite site)
    {
        site.Add("User", new() { ["name"] = "Administrator", ["roles"] = new JsonArray() });
        site.Add("HD Settings", new()
        {
            ["name"] = "HD Settings", ["send_acknowledgement_email"] = 0, ["enable_email_ticket_feedback"] = 0,
            ["auto_close_tickets"] = 0, ["auto_close_after_days"] = 14,
        });
        site.Add("Assignment Rule", new() { ["name"] = "Support Rotation", ["document_type"] = "HD Ticket", ["disabled"] = 1 });
        site.Add("HD Service Level Agreement", Sla("Default", isDefault: true, enabled: true, Priorities));
        foreach (var priority in Priorities)
        {
            site.Add("HD Ticket Priority", new() { ["name"] = priority });
        }

        foreach (var status in new[] { "Open", "Replied", "Resolved", "Closed" })
        {
            site.Add("HD Ticket Status", new() { ["name"] = status, ["label_agent"] = status });
        }

        foreach (var type in new[] { "Unspecified", "Question", "Bug", "Incident" })
        {
            site.Add("HD Ticket Type", new() { ["name"] = type });
        }

        site.Add("HD Team", new() { ["name"] = "Billing", ["team_name"] = "Billing" });
        site.Add("HD Team", new() { ["name"] = "Product Experts", ["team_name"] = "Product Experts" });
    }
}
