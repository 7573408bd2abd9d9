using System.Text.Json;
using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Rules;

public class NamingTests
{
    [Fact]
    public async Task Helpdesk_1_22_names_tickets_0001_and_a_failed_insert_does_not_use_a_number()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var first = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "a", ["raised_by"] = "a@example.com" });
        var failed = await client.Insert("HD Ticket", new JsonObject { ["raised_by"] = "a@example.com" });
        var second = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "b", ["raised_by"] = "a@example.com", ["name"] = 5000 });

        Assert.Equal("0001", first.Doc["name"]!.GetValue<string>());
        Assert.Equal("MandatoryError", failed.ExcType);
        Assert.Equal("0002", second.Doc["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Helpdesk_1_4_names_tickets_with_json_numbers_and_a_failed_validation_uses_one_up()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_4);
        using var client = sim.CreateClient();

        var first = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "a", ["raised_by"] = "a@example.com" });
        var failed = await client.Insert("HD Ticket", new JsonObject { ["raised_by"] = "a@example.com" });
        var second = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "b", ["raised_by"] = "a@example.com" });

        Assert.Equal(JsonValueKind.Number, first.Doc["name"]!.GetValueKind());
        Assert.Equal(1, first.Doc["name"]!.GetValue<long>());
        Assert.Contains("[HD Ticket, 2]", failed.Body["exception"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, second.Doc["name"]!.GetValue<long>());
    }

    [Fact]
    public async Task Helpdesk_1_4_link_errors_come_before_naming_and_use_no_number()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_4);
        using var client = sim.CreateClient();

        var failed = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "a", ["customer"] = "Nobody" });
        var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "a" });

        Assert.Equal("LinkValidationError", failed.ExcType);
        Assert.Equal(1, ticket.Doc["name"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_second_contact_with_the_same_name_gets_minus_1_then_minus_2()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Acme" });

        var names = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var contact = await client.Insert("Contact", new JsonObject
            {
                ["first_name"] = "Jane", ["last_name"] = "Doe",
                ["links"] = new JsonArray(new JsonObject { ["link_doctype"] = "HD Customer", ["link_name"] = "Acme" }),
            });
            names.Add(contact.Name);
        }

        Assert.Equal(["Jane Doe-Acme", "Jane Doe-Acme-1", "Jane Doe-Acme-2"], names);
    }

    [Fact]
    public async Task A_duplicate_field_name_answers_409_DuplicateEntryError()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Acme" });
        var duplicate = await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Acme" });

        Assert.Equal(409, duplicate.Status);
        Assert.Equal("DuplicateEntryError", duplicate.ExcType);
        Assert.Equal(["HD Customer <strong>Acme</strong> already exists"], duplicate.Messages);
    }

    [Fact]
    public async Task Communications_get_random_ten_character_names()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var comm = await client.Insert("Communication", new JsonObject { ["subject"] = "hi", ["sent_or_received"] = "Received", ["communication_medium"] = "Email", ["sender"] = "x@example.com" });

        Assert.Matches("^[0-9a-z]{10}$", comm.Name);
    }

    [Fact]
    public async Task An_erpnext_customer_with_a_taken_name_becomes_name_minus_1_with_a_message()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var first = await client.Insert("Customer", new JsonObject { ["customer_name"] = "Acme" });
        var second = await client.Insert("Customer", new JsonObject { ["customer_name"] = "Acme" });

        Assert.Equal("Acme", first.Name);
        Assert.Equal("All Customer Groups", first.Doc["customer_group"]!.GetValue<string>());
        Assert.Equal("Acme - 1", second.Name);
        Assert.Single(second.Messages);
    }

    [Fact]
    public async Task Users_are_named_by_email_get_a_contact_and_a_free_username()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var first = await client.Insert("User", new JsonObject { ["email"] = "an1@example.com", ["first_name"] = "An", ["last_name"] = "Nguyen", ["send_welcome_email"] = 0 });
        var second = await client.Insert("User", new JsonObject { ["email"] = "an2@example.com", ["first_name"] = "An", ["last_name"] = "Tran", ["send_welcome_email"] = 0 });

        Assert.Equal("an1@example.com", first.Name);
        Assert.Equal("an", first.Doc["username"]!.GetValue<string>());
        Assert.Equal("an1", second.Doc["username"]!.GetValue<string>());
        Assert.Equal("Website User", first.Doc["user_type"]!.GetValue<string>());
        Assert.NotNull(sim.Store.Get("Contact", "An Nguyen"));
        Assert.Equal(0, sim.Store.Count("Email Queue"));
    }

    [Fact]
    public async Task A_user_is_refused_as_throttled_once_more_than_the_limit_were_created_in_the_last_minute()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromMilliseconds(1));
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { TimeProvider = clock, ThrottleUserLimit = 2 });
        using var client = sim.CreateClient();
        Task<Answer> User(int i) => client.Insert("User", new JsonObject { ["email"] = $"agent{i}@haravan.vn", ["first_name"] = $"Agent {i}", ["send_welcome_email"] = 0 });

        // Frappe throws when the count of the last minute is over the limit: the third of a minute still goes in.
        var allowed = new[] { await User(1), await User(2), await User(3) };
        var refused = await User(4);
        var written = (sim.Store.Get("User", "agent4@haravan.vn"), sim.Store.Get("Contact", "Agent 4"));
        clock.Advance(TimeSpan.FromSeconds(61));
        var later = await User(4);

        Assert.All(allowed, a => Assert.Equal(200, a.Status));
        Assert.Equal((417, "ValidationError"), (refused.Status, refused.ExcType));
        Assert.Equal(["Throttled"], refused.Messages);
        Assert.Equal((null, null), written);
        Assert.Equal((200, "agent4@haravan.vn"), (later.Status, later.Name));
    }
}
