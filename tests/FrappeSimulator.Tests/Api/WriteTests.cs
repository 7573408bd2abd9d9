using System.Text.Json.Nodes;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Api;

public class WriteTests
{
    [Fact]
    public async Task Insert_many_returns_names_in_order()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var answer = await client.Post("api/method/frappe.client.insert_many", new JsonObject
        {
            ["docs"] = new JsonArray(
                new JsonObject { ["doctype"] = "HD Customer", ["customer_name"] = "B" },
                new JsonObject { ["doctype"] = "HD Ticket", ["subject"] = "t" },
                new JsonObject { ["doctype"] = "HD Customer", ["customer_name"] = "A" }),
        });

        Assert.Equal("""["B","0001","A"]""", answer.Message!.ToJsonString());
    }

    [Fact]
    public async Task Insert_many_is_all_or_nothing_including_hook_made_documents()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Taken" });

        var answer = await client.Post("api/method/frappe.client.insert_many", new JsonObject
        {
            ["docs"] = new JsonArray(
                new JsonObject { ["doctype"] = "HD Ticket", ["subject"] = "t", ["description"] = "<p>makes a Communication</p>" },
                new JsonObject { ["doctype"] = "HD Customer", ["customer_name"] = "New" },
                new JsonObject { ["doctype"] = "HD Customer", ["customer_name"] = "Taken" }),
        });
        var next = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "after" });

        Assert.Equal(409, answer.Status);
        Assert.Equal(1, sim.Store.Count("HD Customer"));
        Assert.Equal(0, sim.Store.Count("Communication"));
        Assert.Equal("0001", next.Name);
    }

    [Fact]
    public async Task Insert_many_refuses_more_than_200_documents()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var docs = new JsonArray(Enumerable.Range(0, 201).Select(i => (JsonNode)new JsonObject { ["doctype"] = "HD Customer", ["customer_name"] = $"C{i}" }).ToArray());

        var answer = await client.Post("api/method/frappe.client.insert_many", new JsonObject { ["docs"] = docs });

        Assert.Equal(417, answer.Status);
        Assert.Equal(["Only 200 inserts allowed in one request"], answer.Messages);
        Assert.Equal(0, sim.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task Put_is_partial_and_a_child_table_key_replaces_the_table()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var contact = await client.Insert("Contact", new JsonObject
        {
            ["first_name"] = "Jane", ["last_name"] = "Doe",
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "old@example.com", ["is_primary"] = 1 }, new JsonObject { ["email_id"] = "other@example.com" }),
        });

        var put = await client.Put($"api/resource/Contact/{contact.Name}", new JsonObject { ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "new@example.com", ["is_primary"] = 1 }) });

        Assert.Equal("Doe", put.Doc["last_name"]!.GetValue<string>());
        var email = Assert.Single(put.Doc["email_ids"]!.AsArray());
        Assert.Equal("new@example.com", email!["email_id"]!.GetValue<string>());
        Assert.Equal("new@example.com", put.Doc["email_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_answers_202_ok_then_404_and_refuses_a_linked_document()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Linked" });
        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Free" });
        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "t", ["customer"] = "Linked" });

        var deleted = await client.Delete("api/resource/HD Customer/Free");
        var again = await client.Delete("api/resource/HD Customer/Free");
        var linked = await client.Delete("api/resource/HD Customer/Linked");

        Assert.Equal(202, deleted.Status);
        Assert.Equal("ok", deleted.Data!.GetValue<string>());
        Assert.Equal(404, again.Status);
        Assert.Equal(["HD Customer Free not found"], again.Messages);
        Assert.Equal("LinkExistsError", linked.ExcType);
    }

    [Fact]
    public async Task Set_value_saves_one_field_and_returns_the_doc_with_nulls()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Acme" });

        var answer = await client.Post("api/method/frappe.client.set_value", new JsonObject { ["doctype"] = "HD Customer", ["name"] = "Acme", ["fieldname"] = "domain", ["value"] = "acme.example" });
        var standard = await client.Post("api/method/frappe.client.set_value", new JsonObject { ["doctype"] = "HD Customer", ["name"] = "Acme", ["fieldname"] = "owner", ["value"] = "x" });

        Assert.Equal("acme.example", answer.Message!["domain"]!.GetValue<string>());
        Assert.True(answer.Message!.AsObject().ContainsKey("image"));
        Assert.Equal(["Cannot edit standard fields"], standard.Messages);
    }

    [Fact]
    public async Task A_custom_field_without_fieldname_is_named_custom_label_and_becomes_a_column()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var field = await client.Insert("Custom Field", new JsonObject { ["dt"] = "Contact", ["label"] = "Freshdesk ID", ["fieldtype"] = "Data" });
        var contact = await client.Insert("Contact", new JsonObject { ["first_name"] = "A", ["custom_freshdesk_id"] = "42" });
        var meta = await client.Get("api/v2/doctype/Contact/meta");

        Assert.Equal("Contact-custom_freshdesk_id", field.Name);
        Assert.Equal("42", contact.Doc["custom_freshdesk_id"]!.GetValue<string>());
        Assert.Contains(meta.Doc["fields"]!.AsArray(), f => f!["fieldname"]!.GetValue<string>() == "custom_freshdesk_id");
    }

    [Fact]
    public async Task Errors_are_an_html_page_when_the_client_accepts_text_html()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var response = await client.GetAsync("api/resource/HD%20Ticket/999999");

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Internal Server Error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_is_served_by_getdoctype_and_v2_meta()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        var v1 = await client.Get("api/method/frappe.desk.form.load.getdoctype?doctype=Contact");
        var v2 = await client.Get("api/v2/doctype/HD Ticket/meta");

        var docs = v1.Body["docs"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["Contact", "Contact Email", "Contact Phone", "Dynamic Link"], docs);
        Assert.Equal(".####", v2.Doc["autoname"]!.GetValue<string>());
        Assert.Contains(v2.Doc["fields"]!.AsArray(), f => f!["fieldname"]!.GetValue<string>() == "subject" && f["reqd"]!.GetValue<int>() == 1);
    }
}
