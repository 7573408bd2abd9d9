using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Store;

namespace FrappeSimulator.Hosting;

/// <summary>What a fresh Frappe + Helpdesk site already holds, written straight into the store (no hooks).</summary>
static class SeedData
{
    public static void FreshHelpdesk(SimulatedSite site)
    {
        var seeder = new Seeder(site);
        seeder.Put("User", new() { ["name"] = "Administrator", ["email"] = "admin@example.com", ["first_name"] = "Administrator", ["full_name"] = "Administrator", ["username"] = "administrator" });
        seeder.Put("User", new() { ["name"] = "Guest", ["email"] = "guest@example.com", ["first_name"] = "Guest", ["full_name"] = "Guest", ["username"] = "guest", ["user_type"] = "Website User" });
        seeder.Put("System Settings", new() { ["time_zone"] = site.Options.TimeZone });
        seeder.Put("HD Settings", []);
        // make_home_folder: uploads default to Home, attachments without a folder go to Home/Attachments.
        seeder.Put("File", new() { ["name"] = "Home", ["file_name"] = "Home", ["is_folder"] = 1, ["is_home_folder"] = 1 });
        seeder.Put("File", new() { ["name"] = "Home/Attachments", ["file_name"] = "Attachments", ["folder"] = "Home", ["is_folder"] = 1, ["is_attachments_folder"] = 1 });
        foreach (var (status, category, order) in new[] { ("Open", "Open", 1), ("Replied", "Paused", 2), ("Resolved", "Resolved", 3), ("Closed", "Resolved", 4) })
        {
            seeder.Put("HD Ticket Status", new() { ["label_agent"] = status, ["label_customer"] = status, ["category"] = category, ["order"] = order });
        }

        foreach (var (priority, value) in new[] { ("Urgent", 1), ("High", 2), ("Medium", 3), ("Low", 4) })
        {
            seeder.Put("HD Ticket Priority", new() { ["name"] = priority, ["integer_value"] = value });
        }

        foreach (var type in new[] { "Unspecified", "Question", "Bug", "Incident" })
        {
            seeder.Put("HD Ticket Type", new() { ["name"] = type, ["is_system"] = type == "Unspecified" ? 1 : 0 });
        }

        seeder.Put("HD Service Holiday List", Holidays());
        seeder.Put("HD Service Level Agreement", DefaultSla());
        seeder.Put("Assignment Rule", Rule("Support Rotation", disabled: 1));
        foreach (var team in new[] { "Billing", "Product Experts" })
        {
            seeder.Put("Assignment Rule", Rule($"{team} - Support Rotation", disabled: 0));
            seeder.Put("HD Team", new() { ["team_name"] = team, ["assignment_rule"] = $"{team} - Support Rotation" });
        }

        seeder.Put("Customer Group", new() { ["customer_group_name"] = "All Customer Groups", ["is_group"] = 1 });
        foreach (var group in new[] { "Commercial", "Individual", "Government", "Non Profit" })
        {
            seeder.Put("Customer Group", new() { ["customer_group_name"] = group, ["parent_customer_group"] = "All Customer Groups" });
        }

        seeder.Put("Territory", new() { ["territory_name"] = "All Territories", ["is_group"] = 1 });
        seeder.Put("Territory", new() { ["territory_name"] = "Rest Of The World", ["parent_territory"] = "All Territories" });
        if (site.Options.WelcomeTicket)
        {
            WelcomeTicket(site, seeder);
        }
    }

    static void WelcomeTicket(SimulatedSite site, Seeder seeder)
    {
        seeder.Put("Contact", new()
        {
            ["name"] = "John Doe", ["first_name"] = "John", ["last_name"] = "Doe", ["full_name"] = "John Doe", ["email_id"] = "john@example.com",
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "john@example.com", ["is_primary"] = 1 }),
        });
        var ticket = new JsonObject
        {
            ["subject"] = "Welcome to Helpdesk", ["raised_by"] = "john@example.com", ["contact"] = "John Doe", ["status"] = "Open",
            ["priority"] = "Medium", ["ticket_type"] = site.IsModern ? "" : "Unspecified", ["sla"] = "Default",
            ["agreement_status"] = "First Response Due", ["description"] = "<p>Welcome to Helpdesk!</p>",
        };
        if (site.IsModern)
        {
            ticket["status_category"] = "Open";
            ticket["key"] = Guid.NewGuid().ToString();
        }

        seeder.Put("HD Ticket", ticket);
    }

    static JsonObject DefaultSla()
    {
        var rows = new[] { ("Urgent", 3600, 4 * 3600), ("High", 86400, 2 * 86400), ("Medium", 2 * 86400, 4 * 86400), ("Low", 3 * 86400, 7 * 86400) }
            .Select(p => (JsonNode)new JsonObject { ["priority"] = p.Item1, ["default_priority"] = p.Item1 == "Medium" ? 1 : 0, ["response_time"] = p.Item2, ["resolution_time"] = p.Item3 })
            .ToArray();
        return new()
        {
            ["service_level"] = "Default", ["default_sla"] = 1, ["enabled"] = 1, ["default_priority"] = "Medium",
            ["default_ticket_status"] = "Open", ["priorities"] = new JsonArray(rows), ["apply_sla_for_resolution"] = 1,
            ["holiday_list"] = HolidayList,
            ["support_and_resolution"] = new JsonArray([.. new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }
                .Select(d => (JsonNode)new JsonObject { ["workday"] = d, ["start_time"] = "10:00:00", ["end_time"] = "18:00:00" })]),
        };
    }

    /// <summary>The default SLA's holidays: Vietnam's Reunification Day, Labour Day and National Day of 2024 and 2025.</summary>
    public const string HolidayList = "Ngày lễ Việt Nam";

    static JsonObject Holidays() => new()
    {
        ["holiday_list_name"] = HolidayList, ["from_date"] = "2024-01-01", ["to_date"] = "2025-12-31",
        ["holidays"] = new JsonArray([.. new[] { ("2024-04-30", "Giải phóng miền Nam"), ("2024-05-01", "Quốc tế Lao động"), ("2024-09-02", "Quốc khánh"),
            ("2025-04-30", "Giải phóng miền Nam"), ("2025-05-01", "Quốc tế Lao động"), ("2025-09-02", "Quốc khánh") }
            .Select(h => (JsonNode)new JsonObject { ["holiday_date"] = h.Item1, ["description"] = h.Item2 })]),
    };

    static JsonObject Rule(string name, int disabled) => new()
    {
        ["name"] = name, ["document_type"] = "HD Ticket", ["rule"] = "Round Robin", ["disabled"] = disabled, ["priority"] = 0,
        ["assign_condition"] = "status == 'Open'",
    };
}
