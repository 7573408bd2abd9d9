using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Rules;

public class TicketBehaviourTests
{
    static readonly DateTimeOffset Monday = new(2025, 3, 3, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Helpdesk_1_22_forces_a_new_tickets_status_to_Open()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["status"] = "Closed" });

        Assert.Equal("Open", ticket.Doc["status"]!.GetValue<string>());
        Assert.Equal("Open", ticket.Doc["status_category"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_description_creates_a_Received_communication_from_the_api_user_and_none_without()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var with = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "Printer", ["description"] = "<p>fire</p>" });
        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "No description" });

        var comm = Assert.Single(sim.Store.List("Communication"));
        Assert.Equal(with.Name, comm["reference_name"]!.GetValue<string>());
        Assert.Equal("Received", comm["sent_or_received"]!.GetValue<string>());
        Assert.Equal("admin@example.com", comm["sender"]!.GetValue<string>());
        Assert.Equal("Re: Printer", comm["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task Helpdesk_1_22_fills_contact_and_customer_from_raised_by_and_1_4_does_not()
    {
        foreach (var version in new[] { HelpdeskVersion.V1_22, HelpdeskVersion.V1_4 })
        {
            await using var sim = await Simulators.Start(version);
            using var client = sim.CreateClient();
            await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Acme" });
            await client.Insert("Contact", new JsonObject
            {
                ["first_name"] = "Jane",
                ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "jane@acme.example", ["is_primary"] = 1 }),
                ["links"] = new JsonArray(new JsonObject { ["link_doctype"] = "HD Customer", ["link_name"] = "Acme" }),
            });

            var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["raised_by"] = "jane@acme.example" });

            var filled = version == HelpdeskVersion.V1_22;
            Assert.Equal(filled ? "Jane-Acme" : null, ticket.Doc["contact"]?.GetValue<string>());
            Assert.Equal(filled ? "Acme" : null, ticket.Doc["customer"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task Sent_sets_first_response_and_last_agent_response_Received_sets_last_customer_response()
    {
        var clock = new SteppingClock(Monday, TimeSpan.FromMilliseconds(1));
        await using var sim = await Simulators.Start(time: clock);
        using var client = sim.CreateClient();
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s" })).Name!;

        await client.Insert("Communication", Comm(ticket, "Received", "c@example.com"));
        var afterReceived = sim.Store.Get("HD Ticket", ticket)!;
        await client.Insert("Communication", Comm(ticket, "Sent", "admin@example.com"));
        var afterSent = sim.Store.Get("HD Ticket", ticket)!;

        Assert.NotNull(afterReceived["last_customer_response"]);
        Assert.Null(afterReceived["first_responded_on"]);
        Assert.NotNull(afterSent["first_responded_on"]);
        Assert.NotNull(afterSent["last_agent_response"]);
        Assert.Equal("Resolution Due", afterSent["agreement_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_to_a_resolved_status_stamps_now_and_a_second_put_keeps_explicit_dates()
    {
        var clock = new SteppingClock(Monday, TimeSpan.FromMilliseconds(1));
        await using var sim = await Simulators.Start(time: clock);
        using var client = sim.CreateClient();
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s" })).Name!;

        var closed = await client.Put($"api/resource/HD Ticket/{ticket}", new JsonObject { ["status"] = "Closed" });
        var dated = await client.Put($"api/resource/HD Ticket/{ticket}", new JsonObject { ["resolution_date"] = "2024-05-11 09:00:00", ["first_responded_on"] = "2024-05-10 11:00:00" });

        Assert.StartsWith("2025-03-03 03:00", closed.Doc["resolution_date"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("2025-03-03 03:00", closed.Doc["first_responded_on"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Resolved", closed.Doc["status_category"]!.GetValue<string>());
        Assert.Equal("2024-05-11 09:00:00", dated.Doc["resolution_date"]!.GetValue<string>());
        Assert.Equal("2024-05-10 11:00:00", sim.Store.Get("HD Ticket", ticket)!["first_responded_on"]!.GetValue<string>());
    }

    /// <summary>
    /// Helpdesk's SLA measures first_response_time and resolution_time on a status change, in the working seconds of the
    /// ticket's SLA from service_level_agreement_creation to the first response and to now; a PUT without a status change
    /// keeps what it sets.
    /// </summary>
    [Fact]
    public async Task A_status_change_measures_the_response_and_resolution_times_in_working_seconds_and_a_later_put_keeps_its_own()
    {
        var clock = new SteppingClock(Monday, TimeSpan.FromMilliseconds(1));
        await using var sim = await Simulators.Start(time: clock);
        using var client = sim.CreateClient();
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["service_level_agreement_creation"] = "2025-02-28 17:00:00" })).Name!;

        // From Friday 17:00 to Monday 03:00: Friday's last working hour only (Monday opens at 10:00).
        var resolved = await client.Put($"api/resource/HD Ticket/{ticket}", new JsonObject { ["status"] = "Resolved" });
        var dated = await client.Put($"api/resource/HD Ticket/{ticket}", new JsonObject { ["first_response_time"] = 60, ["resolution_time"] = 120 });
        var reopened = await client.Put($"api/resource/HD Ticket/{ticket}", new JsonObject { ["status"] = "Open" });

        Assert.Equal((3600.0, 3600.0), (resolved.Doc["first_response_time"]!.GetValue<double>(), resolved.Doc["resolution_time"]!.GetValue<double>()));
        Assert.Equal((60.0, 120.0), (dated.Doc["first_response_time"]!.GetValue<double>(), dated.Doc["resolution_time"]!.GetValue<double>()));
        Assert.Null(reopened.Doc["resolution_time"]);
    }

    /// <summary>
    /// frappe.desk.doctype.tag.tag.add_tags appends to _user_tags by SQL (no save, modified kept), makes a Tag for each
    /// new one, leaves a tag the document has (in any case) alone, and 404s a document that is not there.
    /// </summary>
    [Fact]
    public async Task Add_tags_writes_the_tag_column_without_saving_once_per_tag_and_makes_the_tags()
    {
        var clock = new SteppingClock(Monday, TimeSpan.FromMilliseconds(1));
        await using var sim = await Simulators.Start(time: clock);
        using var client = sim.CreateClient();
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s" })).Name!;
        var modified = sim.Store.Get("HD Ticket", ticket)!["modified"]!.GetValue<string>();

        var first = await client.Post("api/method/frappe.desk.doctype.tag.tag.add_tags", new JsonObject { ["tags"] = new JsonArray("Hoá đơn", "khách VIP"), ["dt"] = "HD Ticket", ["docs"] = new JsonArray(ticket) });
        var again = await client.Post("api/method/frappe.desk.doctype.tag.tag.add_tags", new JsonObject { ["tags"] = "[\"hoá đơn\", \"đổi trả\"]", ["dt"] = "HD Ticket", ["docs"] = $"[\"{ticket}\"]" });
        var missing = await client.Post("api/method/frappe.desk.doctype.tag.tag.add_tags", new JsonObject { ["tags"] = new JsonArray("x"), ["dt"] = "HD Ticket", ["docs"] = new JsonArray("999999") });

        Assert.Equal((200, 200, 404), (first.Status, again.Status, missing.Status));
        var saved = sim.Store.Get("HD Ticket", ticket)!;
        Assert.Equal(",Hoá đơn,khách VIP,đổi trả", saved["_user_tags"]!.GetValue<string>());
        Assert.Equal(modified, saved["modified"]!.GetValue<string>());
        Assert.Equal(["Hoá đơn", "khách VIP", "đổi trả"], sim.Store.List("Tag").Select(t => t["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task The_default_sla_has_working_hours_and_a_vietnamese_holiday_list()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var sla = (await client.Get("api/resource/HD Service Level Agreement/Default")).Doc;
        var holidays = (await client.Get($"api/resource/HD Service Holiday List/{sla["holiday_list"]!.GetValue<string>()}")).Doc;

        Assert.Equal(5, sla["support_and_resolution"]!.AsArray().Count);
        Assert.Contains(holidays["holidays"]!.AsArray(), h => h!["holiday_date"]!.GetValue<string>() == "2024-04-30");
    }

    /// <summary>frappe-api.md §13.7: the SLA hook stamps resolution_date on the status change, so dates go in a second PUT.</summary>
    [Fact]
    public async Task A_resolution_date_sent_with_the_status_change_is_overwritten_by_now()
    {
        var clock = new SteppingClock(Monday, TimeSpan.FromMilliseconds(1));
        await using var sim = await Simulators.Start(time: clock);
        using var client = sim.CreateClient();
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s" })).Name!;

        var put = await client.Put($"api/resource/HD Ticket/{ticket}", new JsonObject
        {
            ["status"] = "Resolved", ["resolution_date"] = "2024-05-11 09:00:00", ["first_responded_on"] = "2024-05-10 11:00:00",
        });

        Assert.StartsWith("2025-03-03", put.Doc["resolution_date"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2024-05-10 11:00:00", put.Doc["first_responded_on"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timestamps_are_written_in_the_site_time_zone()
    {
        var clock = new SteppingClock(Monday, TimeSpan.Zero);
        await using var sim = await Simulators.Start(time: clock, timeZone: "Asia/Ho_Chi_Minh");
        using var client = sim.CreateClient();

        var customer = await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Acme" });

        Assert.Equal("2025-03-03 10:00:00", customer.Doc["creation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Acknowledgement_mails_are_queued_when_on_and_wait_while_sending_is_suspended()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Put("api/resource/HD Settings/HD Settings", new JsonObject { ["send_acknowledgement_email"] = 1 });

        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "one", ["raised_by"] = "c@example.com" });
        await client.Post("api/method/frappe.email.doctype.email_queue.email_queue.toggle_sending", new JsonObject { ["enable"] = 0 });
        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "two", ["raised_by"] = "c@example.com" });
        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "portal", ["raised_by"] = "c@example.com", ["via_customer_portal"] = 1 });

        var statuses = sim.Store.List("Email Queue").Select(m => m["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["Sent", "Not Sent"], statuses);
    }

    [Fact]
    public async Task A_ticket_for_a_team_is_assigned_to_the_teams_agent()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("User", new JsonObject { ["email"] = "agent@example.com", ["first_name"] = "Agent", ["send_welcome_email"] = 0 });
        await client.Insert("HD Team", new JsonObject { ["team_name"] = "L1", ["users"] = new JsonArray(new JsonObject { ["user"] = "agent@example.com" }) });

        var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["agent_group"] = "L1" });

        var todo = Assert.Single(sim.Store.List("ToDo"));
        Assert.Equal("agent@example.com", todo["allocated_to"]!.GetValue<string>());
        Assert.Equal(ticket.Name, todo["reference_name"]!.GetValue<string>());
    }

    static JsonObject Comm(string ticket, string direction, string sender) => new()
    {
        ["communication_type"] = "Communication",
        ["communication_medium"] = "Email",
        ["sent_or_received"] = direction,
        ["subject"] = "Re",
        ["content"] = "<p>x</p>",
        ["sender"] = sender,
        ["recipients"] = "support@example.com",
        ["reference_doctype"] = "HD Ticket",
        ["reference_name"] = ticket,
    };
}
