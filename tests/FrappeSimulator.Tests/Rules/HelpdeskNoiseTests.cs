using System.Text.Json.Nodes;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Rules;

/// <summary>What makes an import noisy on a live helpdesk, and the switches that silence it (frappe-api.md §11).</summary>
public class HelpdeskNoiseTests
{
    const string ToggleSending = "api/method/frappe.email.doctype.email_queue.email_queue.toggle_sending";

    [Fact]
    public async Task HD_Settings_is_read_whole_and_a_PUT_changes_only_the_fields_it_carries()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Put("api/resource/HD Settings/HD Settings", new JsonObject { ["send_acknowledgement_email"] = 1, ["auto_close_tickets"] = 1 });

        var put = await client.Put("api/resource/HD Settings/HD Settings", new JsonObject { ["auto_close_tickets"] = 0 });
        var read = await client.Get("api/resource/HD Settings/HD Settings");

        Assert.Equal(200, put.Status);
        Assert.Equal(1, read.Doc["send_acknowledgement_email"]!.GetValue<int>());
        Assert.Equal(0, read.Doc["auto_close_tickets"]!.GetValue<int>());
        Assert.Equal(0, read.Doc["enable_email_ticket_feedback"]!.GetValue<int>());
        Assert.Equal("HD Settings", read.Doc["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_status_change_into_resolved_mails_feedback_only_while_feedback_is_on_and_waits_while_sending_is_suspended()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var quiet = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "off", ["raised_by"] = "a@example.com" })).Name!;
        await client.Put($"api/resource/HD Ticket/{quiet}", new JsonObject { ["status"] = "Resolved" });
        await client.Put("api/resource/HD Settings/HD Settings", new JsonObject { ["enable_email_ticket_feedback"] = 1 });
        var sent = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "on", ["raised_by"] = "b@example.com" })).Name!;
        var waiting = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "suspended", ["raised_by"] = "c@example.com" })).Name!;

        await client.Put($"api/resource/HD Ticket/{sent}", new JsonObject { ["status"] = "Replied" });
        await client.Put($"api/resource/HD Ticket/{sent}", new JsonObject { ["status"] = "Closed" });
        await client.Post(ToggleSending, new JsonObject { ["enable"] = 0 });
        await client.Put($"api/resource/HD Ticket/{waiting}", new JsonObject { ["status"] = "Resolved" });

        var mails = sim.Store.List("Email Queue").Select(m => $"{m["reference_name"]} {m["status"]}").ToList();
        Assert.Equal([$"{sent} Sent", $"{waiting} Not Sent"], mails);
    }

    [Fact]
    public async Task An_enabled_ticket_rule_assigns_new_tickets_and_a_disabled_one_assigns_none()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("User", new JsonObject { ["email"] = "agent@example.com", ["first_name"] = "Agent", ["send_welcome_email"] = 0 });
        var rule = await client.Insert("Assignment Rule", new JsonObject
        {
            ["name"] = "Everything", ["document_type"] = "HD Ticket", ["rule"] = "Round Robin", ["priority"] = 1, ["disabled"] = 0,
            ["assign_condition"] = "status == 'Open'", ["users"] = new JsonArray(new JsonObject { ["user"] = "agent@example.com" }),
        });
        Assert.Equal(200, rule.Status);

        var assigned = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "assigned" })).Name!;
        await client.Put("api/resource/Assignment Rule/Everything", new JsonObject { ["disabled"] = 1 });
        var unassigned = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "not assigned" })).Name!;
        await client.Put($"api/resource/HD Ticket/{unassigned}", new JsonObject { ["priority"] = "High" });

        var todos = sim.Store.List("ToDo").Select(t => $"{t["reference_name"]} {t["allocated_to"]} {t["assignment_rule"]}").ToList();
        Assert.Equal([$"{assigned} agent@example.com Everything"], todos);
    }

    [Fact]
    public async Task A_rule_enabled_again_assigns_an_unassigned_ticket_on_its_next_save()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("User", new JsonObject { ["email"] = "agent@example.com", ["first_name"] = "Agent", ["send_welcome_email"] = 0 });
        await client.Insert("Assignment Rule", new JsonObject
        {
            ["name"] = "Everything", ["document_type"] = "HD Ticket", ["disabled"] = 1, ["assign_condition"] = "status == 'Open'",
            ["users"] = new JsonArray(new JsonObject { ["user"] = "agent@example.com" }),
        });
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "later" })).Name!;
        Assert.Empty(sim.Store.List("ToDo"));

        await client.Put("api/resource/Assignment Rule/Everything", new JsonObject { ["disabled"] = 0 });
        await client.Put($"api/resource/HD Ticket/{ticket}", new JsonObject { ["priority"] = "High" });
        await client.Put($"api/resource/HD Ticket/{ticket}", new JsonObject { ["priority"] = "Low" });

        Assert.Equal(ticket, Assert.Single(sim.Store.List("ToDo"))["reference_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Email_Queue_is_listed_with_in_filters_and_a_DELETE_removes_only_that_mail()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Put("api/resource/HD Settings/HD Settings", new JsonObject { ["send_acknowledgement_email"] = 1 });
        await client.Post(ToggleSending, new JsonObject { ["enable"] = 0 });
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add((await client.Insert("HD Ticket", new JsonObject { ["subject"] = $"t{i}", ["raised_by"] = $"c{i}@example.com" })).Name!);
        }

        var filters = new JsonArray(
            new JsonArray("status", "=", "Not Sent"),
            new JsonArray("reference_doctype", "=", "HD Ticket"),
            new JsonArray("reference_name", "in", new JsonArray(names[0], names[2])));
        var list = await client.Get($"api/resource/Email Queue?fields=[\"name\",\"reference_name\"]&filters={Uri.EscapeDataString(filters.ToJsonString())}&limit_page_length=0");
        var found = list.Data!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ToList();
        Assert.Equal([names[0], names[2]], list.Data!.AsArray().Select(m => m!["reference_name"]!.GetValue<string>()).Order().ToList());

        var deleted = await client.Delete($"api/resource/Email Queue/{found[0]}");

        Assert.Equal(202, deleted.Status);
        Assert.Equal(2, sim.Store.Count("Email Queue"));
        Assert.DoesNotContain(sim.Store.List("Email Queue"), m => m["name"]!.GetValue<string>() == found[0]);
        Assert.Equal(404, (await client.Delete($"api/resource/Email Queue/{found[0]}")).Status);
    }

    [Fact]
    public async Task An_enabled_notification_on_new_tickets_mails_whatever_the_settings_and_waits_while_sending_is_suspended()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var rule = await client.Insert("Notification", new JsonObject
        {
            ["name"] = "New ticket to customer", ["enabled"] = 1, ["channel"] = "Email", ["event"] = "New", ["document_type"] = "HD Ticket", ["subject"] = "Thanks",
        });
        Assert.Equal(200, rule.Status);
        var sent = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "a", ["raised_by"] = "a@example.com" })).Name!;
        await client.Post(ToggleSending, new JsonObject { ["enable"] = 0 });
        var waiting = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "b", ["raised_by"] = "b@example.com" })).Name!;
        await client.Put("api/resource/Notification/New ticket to customer", new JsonObject { ["enabled"] = 0 });
        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "c", ["raised_by"] = "c@example.com" });

        var mails = sim.Store.List("Email Queue").Select(m => $"{m["reference_name"]} {m["status"]}").ToList();
        Assert.Equal([$"{sent} Sent", $"{waiting} Not Sent"], mails);
    }
}
