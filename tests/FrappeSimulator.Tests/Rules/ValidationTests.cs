using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Rules;

public class ValidationTests
{
    [Fact]
    public async Task A_missing_mandatory_field_is_417_MandatoryError_with_one_message_per_field()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Insert("HD Ticket", new JsonObject { ["raised_by"] = "a@example.com" });

        Assert.Equal(417, answer.Status);
        Assert.Equal("MandatoryError", answer.ExcType);
        Assert.Equal(["Error: Value missing for HD Ticket: Subject"], answer.Messages);
        Assert.Equal(0, sim.Store.Count("HD Ticket"));
    }

    [Fact]
    public async Task A_subject_over_140_characters_is_CharacterLengthExceededError()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Insert("HD Ticket", new JsonObject { ["subject"] = new string('x', 141) });

        Assert.Equal("CharacterLengthExceededError", answer.ExcType);
        Assert.EndsWith("will get truncated, as max characters allowed is 140", answer.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_email_is_InvalidEmailAddressError()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["raised_by"] = "khach hang@gmail" });

        Assert.Equal("InvalidEmailAddressError", answer.ExcType);
        Assert.Equal(["khach hang@gmail is not a valid Email Address"], answer.Messages);
    }

    [Fact]
    public async Task A_missing_link_target_is_LinkValidationError_also_in_dynamic_link_rows()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["priority"] = "Critical" });
        var contact = await client.Insert("Contact", new JsonObject
        {
            ["first_name"] = "Ghost",
            ["links"] = new JsonArray(new JsonObject { ["link_doctype"] = "HD Customer", ["link_name"] = "No Such Customer" }),
        });

        Assert.Equal(["Could not find Priority: Critical"], ticket.Messages);
        Assert.Equal("LinkValidationError", contact.ExcType);
        Assert.Equal(["Could not find Row #1: Link Name: No Such Customer"], contact.Messages);
    }

    [Fact]
    public async Task Helpdesk_1_4_checks_the_status_select_and_keeps_a_valid_one()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_4);
        using var client = sim.CreateClient();

        var bad = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["status"] = "Waiting on Customer" });
        var kept = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["status"] = "Replied" });

        Assert.Equal("ValidationError", bad.ExcType);
        Assert.Equal([" Status cannot be \"Waiting on Customer\". It should be one of \"Open\", \"Replied\", \"Resolved\", \"Closed\""], bad.Messages);
        Assert.Equal("Replied", kept.Doc["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_unique_custom_field_clash_is_417_UniqueValidationError_not_409()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("Custom Field", new JsonObject { ["dt"] = "HD Ticket", ["label"] = "Source ID", ["fieldname"] = "source_id", ["fieldtype"] = "Data", ["unique"] = 1 });

        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "a", ["source_id"] = "FD-1" });
        var clash = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "b", ["source_id"] = "FD-1" });

        Assert.Equal(417, clash.Status);
        Assert.Equal("UniqueValidationError", clash.ExcType);
        Assert.Equal(["Source ID must be unique"], clash.Messages);
        Assert.Equal(1, sim.Store.Count("HD Ticket"));
    }

    [Fact]
    public async Task Creation_and_owner_sent_on_insert_are_overwritten_and_refused_on_update()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var inserted = await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Acme", ["creation"] = "2020-01-01 00:00:00", ["owner"] = "someone" });
        var put = await client.Put("api/resource/HD Customer/Acme", new JsonObject { ["creation"] = "2020-01-01 00:00:00" });

        Assert.NotEqual("2020-01-01 00:00:00", inserted.Doc["creation"]!.GetValue<string>());
        Assert.Equal("Administrator", inserted.Doc["owner"]!.GetValue<string>());
        Assert.Equal("CannotChangeConstantError", put.ExcType);
        Assert.Equal(["Value cannot be changed for <strong>Created On</strong>"], put.Messages);
    }

    [Fact]
    public async Task Unknown_keys_are_ignored_and_a_data_wrapper_is_accepted()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Insert("HD Customer", new JsonObject { ["data"] = new JsonObject { ["customer_name"] = "Acme", ["no_such_field"] = 1 } });

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Doc.ContainsKey("no_such_field"));
        Assert.False(sim.Store.Get("HD Customer", "Acme")!.ContainsKey("no_such_field"));
    }

    [Fact]
    public async Task A_priority_missing_from_the_default_sla_is_refused()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("HD Ticket Priority", new JsonObject { ["name"] = "Critical", ["integer_value"] = 0 });

        var answer = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["priority"] = "Critical" });

        Assert.Equal(417, answer.Status);
        Assert.Equal(["Please add Critical priority in Default SLA"], answer.Messages);
    }

    [Fact]
    public async Task A_contact_phone_with_letters_is_InvalidPhoneNumberError()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Insert("Contact", new JsonObject { ["first_name"] = "A", ["phone_nos"] = new JsonArray(new JsonObject { ["phone"] = "x123" }) });

        Assert.Equal("InvalidPhoneNumberError", answer.ExcType);
    }
}
