using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Rules;

/// <summary>Helpdesk 1.28: an HD Customer keeps its contacts in its own table of HD Customer Member rows.</summary>
public class CustomerMemberTests
{
    [Fact]
    public async Task Helpdesk_1_28_reports_version_1_28_1()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();

        var versions = await client.Get("api/method/frappe.utils.change_log.get_versions");

        Assert.Equal("1.28.1", versions.Message!["helpdesk"]!["version"]!.GetValue<string>());
        Assert.Equal("1.28.1", sim.HelpdeskRelease);
    }

    [Fact]
    public void The_command_line_chooses_1_28_and_refuses_an_unknown_version()
    {
        Assert.Equal(HelpdeskVersion.V1_28, CommandLine.Parse(["--helpdesk", "1.28"]).Helpdesk);
        Assert.Equal(HelpdeskVersion.V1_22, CommandLine.Parse(["--helpdesk", "1.22"]).Helpdesk);
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--helpdesk", "2.0"]));
    }

    [Fact]
    public async Task Helpdesk_1_28_meta_shows_customer_type_contacts_and_primary_contact_and_1_22_does_not()
    {
        await using var modern = await Simulators.Start(HelpdeskVersion.V1_28);
        await using var older = await Simulators.Start(HelpdeskVersion.V1_22);
        using var client = modern.CreateClient();
        using var olderClient = older.CreateClient();

        var meta = await client.Get("api/method/frappe.desk.form.load.getdoctype?doctype=HD Customer");
        var olderMeta = await olderClient.Get("api/method/frappe.desk.form.load.getdoctype?doctype=HD Customer");

        var docs = meta.Body["docs"]!.AsArray();
        Assert.Equal(["HD Customer", "HD Customer Member"], docs.Select(d => d!["name"]!.GetValue<string>()));
        var fields = Fields(docs[0]!);
        Assert.Equal(("Select", "Company\nIndividual\nPartnership", "Company"), (Text(fields["customer_type"], "fieldtype"), Text(fields["customer_type"], "options"), Text(fields["customer_type"], "default")));
        Assert.Equal(("Table", "HD Customer Member"), (Text(fields["contacts"], "fieldtype"), Text(fields["contacts"], "options")));
        Assert.Equal(("Link", "Contact"), (Text(fields["primary_contact"], "fieldtype"), Text(fields["primary_contact"], "options")));
        var member = Fields(docs[1]!);
        Assert.Equal(("Link", "Contact", 1), (Text(member["contact_name"], "fieldtype"), Text(member["contact_name"], "options"), member["contact_name"]["reqd"]!.GetValue<int>()));
        Assert.Equal("Check", Text(member["is_manager"], "fieldtype"));
        var olderFields = Fields(olderMeta.Body["docs"]!.AsArray()[0]!);
        Assert.False(olderFields.ContainsKey("contacts"));
        Assert.False(olderFields.ContainsKey("customer_type"));
    }

    [Fact]
    public async Task A_new_HD_Customer_is_a_Company_and_keeps_its_member_rows()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();
        var jane = await InsertContact(client, "Jane", "jane@acme.example");

        var customer = await client.Insert("HD Customer", Customer("Acme", Member(jane)));

        Assert.Equal(200, customer.Status);
        var stored = sim.Store.Get("HD Customer", "Acme")!;
        Assert.Equal("Company", stored["customer_type"]!.GetValue<string>());
        var row = Assert.Single(stored["contacts"]!.AsArray())!;
        Assert.Equal((jane, 0L, "Acme", "HD Customer", "contacts"), (Text(row, "contact_name"), row["is_manager"]!.GetValue<long>(), Text(row, "parent"), Text(row, "parenttype"), Text(row, "parentfield")));
    }

    [Fact]
    public async Task Duplicate_member_rows_are_refused_with_417_like_a_frappe_throw_and_nothing_is_stored()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();
        var jane = await InsertContact(client, "Jane", "jane@acme.example");

        var answer = await client.Insert("HD Customer", Customer("Acme", Member(jane), Member(jane.ToUpperInvariant())));

        Assert.Equal(417, answer.Status);
        Assert.Equal("ValidationError", answer.ExcType);
        Assert.Equal(["Duplicate contacts are not allowed"], answer.Messages);
        Assert.Equal("frappe.exceptions.ValidationError: Duplicate contacts are not allowed", answer.Body["exception"]!.GetValue<string>());
        Assert.Equal(0, sim.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task A_put_that_would_duplicate_a_member_is_refused_and_the_table_stays_as_it_was()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();
        var jane = await InsertContact(client, "Jane", "jane@acme.example");
        await client.Insert("HD Customer", Customer("Acme", Member(jane)));
        var before = sim.Store.Get("HD Customer", "Acme")!;

        var answer = await client.Put("api/resource/HD Customer/Acme", new JsonObject { ["contacts"] = new JsonArray(before["contacts"]!.AsArray()[0]!.DeepClone(), Member(jane)) });

        Assert.Equal((417, "ValidationError"), (answer.Status, answer.ExcType));
        Assert.Equal(before.ToJsonString(), sim.Store.Get("HD Customer", "Acme")!.ToJsonString());
    }

    [Fact]
    public async Task A_put_with_contacts_replaces_the_table_keeping_the_rows_sent_back_with_their_name()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();
        var jane = await InsertContact(client, "Jane", "jane@acme.example");
        var minh = await InsertContact(client, "Minh", "minh@acme.example");
        var lan = await InsertContact(client, "Lan", "lan@acme.example");
        await client.Insert("HD Customer", Customer("Acme", Member(jane), Member(minh)));
        var janeRow = sim.Store.Get("HD Customer", "Acme")!["contacts"]!.AsArray()[0]!;

        var answer = await client.Put("api/resource/HD Customer/Acme", new JsonObject { ["contacts"] = new JsonArray(janeRow.DeepClone(), Member(lan)) });

        Assert.Equal(200, answer.Status);
        var rows = sim.Store.Get("HD Customer", "Acme")!["contacts"]!.AsArray();
        Assert.Equal([jane, lan], rows.Select(r => Text(r!, "contact_name")));
        Assert.Equal(Text(janeRow, "name"), Text(rows[0]!, "name"));
        Assert.Equal(Text(janeRow, "creation"), Text(rows[0]!, "creation"));
        Assert.Equal([1L, 2L], rows.Select(r => r!["idx"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_put_carrying_a_stale_modified_is_refused_so_a_concurrent_member_is_not_lost()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();
        var jane = await InsertContact(client, "Jane", "jane@acme.example");
        var minh = await InsertContact(client, "Minh", "minh@acme.example");
        await client.Insert("HD Customer", Customer("Acme"));
        var read = await client.Get("api/resource/HD Customer/Acme");
        await Task.Delay(5, TestContext.Current.CancellationToken);
        await client.Put("api/resource/HD Customer/Acme", new JsonObject { ["contacts"] = new JsonArray(Member(minh)) });

        var stale = await client.Put("api/resource/HD Customer/Acme", new JsonObject { ["contacts"] = new JsonArray(Member(jane)), ["modified"] = read.Doc["modified"]!.DeepClone() });

        Assert.Equal((417, "TimestampMismatchError"), (stale.Status, stale.ExcType));
        Assert.Equal([minh], sim.Store.Get("HD Customer", "Acme")!["contacts"]!.AsArray().Select(r => Text(r!, "contact_name")));
    }

    [Fact]
    public async Task The_primary_contact_must_be_a_member_and_is_made_a_manager_with_its_email()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();
        var jane = await InsertContact(client, "Jane", "jane@acme.example");
        var minh = await InsertContact(client, "Minh", "minh@acme.example");

        var outsider = await client.Insert("HD Customer", Customer("Acme", Member(jane)).With("primary_contact", minh));
        var member = await client.Insert("HD Customer", Customer("Acme", Member(jane)).With("primary_contact", jane));

        Assert.Equal((417, "ValidationError"), (outsider.Status, outsider.ExcType));
        Assert.Equal(200, member.Status);
        var stored = sim.Store.Get("HD Customer", "Acme")!;
        Assert.Equal(1L, stored["contacts"]!.AsArray()[0]!["is_manager"]!.GetValue<long>());
        Assert.Equal("jane@acme.example", Text(stored, "email_id"));
    }

    [Fact]
    public async Task A_member_row_naming_no_contact_is_a_link_error()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();

        var answer = await client.Insert("HD Customer", Customer("Acme", Member("Nobody")));

        Assert.Equal((417, "LinkValidationError"), (answer.Status, answer.ExcType));
        Assert.Equal(0, sim.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task Helpdesk_1_28_takes_a_new_tickets_customer_from_membership_and_ignores_contact_links()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();
        await client.Insert("HD Customer", Customer("Linked"));
        var jane = await InsertContact(client, "Jane", "jane@acme.example", linkedTo: "Linked");
        await client.Insert("HD Customer", Customer("Member", Member(jane)));

        var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["raised_by"] = "jane@acme.example" });

        Assert.Equal(jane, Text(ticket.Doc, "contact"));
        Assert.Equal("Member", Text(ticket.Doc, "customer"));
    }

    [Fact]
    public async Task Helpdesk_1_28_leaves_the_customer_empty_when_the_contact_is_a_member_of_two()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_28);
        using var client = sim.CreateClient();
        var jane = await InsertContact(client, "Jane", "jane@acme.example");
        await client.Insert("HD Customer", Customer("One", Member(jane)));
        await client.Insert("HD Customer", Customer("Two", Member(jane)));

        var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["raised_by"] = "jane@acme.example" });

        Assert.Equal(jane, Text(ticket.Doc, "contact"));
        Assert.Null(ticket.Doc["customer"]);
    }

    [Fact]
    public async Task Helpdesk_1_22_still_takes_the_customer_from_contact_links_and_has_no_member_table()
    {
        await using var sim = await Simulators.Start(HelpdeskVersion.V1_22);
        using var client = sim.CreateClient();
        await client.Insert("HD Customer", Customer("Linked"));
        var jane = await InsertContact(client, "Jane", "jane@acme.example", linkedTo: "Linked");

        var ignored = await client.Insert("HD Customer", Customer("Other", Member(jane)));
        var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s", ["raised_by"] = "jane@acme.example" });

        Assert.Equal(200, ignored.Status);
        Assert.Null(sim.Store.Get("HD Customer", "Other")!["contacts"]);
        Assert.Equal("Linked", Text(ticket.Doc, "customer"));
    }

    private static async Task<string> InsertContact(HttpClient client, string firstName, string email, string? linkedTo = null)
    {
        var body = new JsonObject
        {
            ["first_name"] = firstName,
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = email, ["is_primary"] = 1 }),
        };
        if (linkedTo is not null)
        {
            body["links"] = new JsonArray(new JsonObject { ["link_doctype"] = "HD Customer", ["link_name"] = linkedTo });
        }

        var answer = await client.Insert("Contact", body);
        Assert.True(answer.Status == 200, answer.ToString());
        return answer.Name!;
    }

    private static JsonObject Customer(string name, params JsonObject[] members) =>
        new() { ["customer_name"] = name, ["contacts"] = new JsonArray([.. members]) };

    private static JsonObject Member(string contact) => new() { ["contact_name"] = contact, ["is_manager"] = 0 };

    private static Dictionary<string, JsonNode> Fields(JsonNode doctype) =>
        doctype["fields"]!.AsArray().ToDictionary(f => f!["fieldname"]!.GetValue<string>(), f => f!);

    private static string? Text(JsonNode node, string field) => node[field]?.GetValue<string>();
}

file static class JsonObjectExtensions
{
    public static JsonObject With(this JsonObject body, string field, string value)
    {
        body[field] = value;
        return body;
    }
}
