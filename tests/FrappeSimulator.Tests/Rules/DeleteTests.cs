using System.Text.Json.Nodes;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Rules;

/// <summary>DELETE on a resource: refused while a document links to it; afterwards what only pointed at it goes or lets go (frappe.model.delete_doc).</summary>
public class DeleteTests
{
    [Fact]
    public async Task Deleting_a_ticket_takes_its_files_and_assignments_with_it_and_leaves_its_messages_pointing_at_nothing()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("User", new JsonObject { ["email"] = "lan.nguyen@haravan.vn", ["first_name"] = "Nguyễn Thị Lan", ["send_welcome_email"] = 0 });
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "Đơn hàng chưa giao", ["raised_by"] = "khach@example.com" })).Name!;
        var other = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "Hỏi phí vận chuyển", ["raised_by"] = "khach@example.com" })).Name!;
        foreach (var name in new[] { ticket, other })
        {
            await client.Post("api/method/frappe.desk.form.assign_to.add", new JsonObject
            {
                ["assign_to"] = new JsonArray("lan.nguyen@haravan.vn"), ["doctype"] = "HD Ticket", ["name"] = name, ["assigned_by"] = "lan.nguyen@haravan.vn",
            });
        }

        var message = (await client.Insert("Communication", new JsonObject
        {
            ["communication_type"] = "Communication", ["communication_medium"] = "Email", ["sent_or_received"] = "Received",
            ["subject"] = "Đơn hàng chưa giao", ["content"] = "Tôi chưa nhận được hàng", ["sender"] = "khach@example.com",
            ["reference_doctype"] = "HD Ticket", ["reference_name"] = ticket,
        })).Name!;

        var attached = sim.Seed("File", new JsonObject
        {
            ["file_name"] = "hoá đơn.pdf", ["file_url"] = "/private/files/hoa-don.pdf", ["is_private"] = 1,
            ["attached_to_doctype"] = "HD Ticket", ["attached_to_name"] = ticket,
        });

        var deleted = await client.Delete($"api/resource/HD Ticket/{ticket}");

        Assert.Equal(202, deleted.Status);
        Assert.Null(sim.Store.Get("HD Ticket", ticket));
        Assert.Null(sim.Store.Get("File", attached));
        var todo = Assert.Single(sim.Store.List("ToDo"));
        Assert.Equal(other, todo["reference_name"]!.GetValue<string>());
        var kept = sim.Store.Get("Communication", message)!;
        Assert.Null(kept["reference_name"]?.GetValue<string>());
        Assert.Null(kept["reference_doctype"]?.GetValue<string>());
        Assert.Equal(404, (await client.Delete($"api/resource/HD Ticket/{ticket}")).Status);
    }

    [Fact]
    public async Task A_user_a_team_s_assignment_rule_lists_is_refused_until_the_team_has_gone_with_its_rule()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("User", new JsonObject { ["email"] = "lan.nguyen@haravan.vn", ["first_name"] = "Nguyễn Thị Lan", ["send_welcome_email"] = 0 });
        await client.Insert("HD Agent", new JsonObject { ["user"] = "lan.nguyen@haravan.vn", ["agent_name"] = "Nguyễn Thị Lan" });
        var team = (await client.Insert("HD Team", new JsonObject { ["team_name"] = "Hỗ trợ kỹ thuật", ["users"] = new JsonArray(new JsonObject { ["user"] = "lan.nguyen@haravan.vn" }) })).Name!;
        var rule = sim.Store.Get("HD Team", team)!["assignment_rule"]!.GetValue<string>();
        await client.Delete("api/resource/HD Agent/lan.nguyen@haravan.vn");

        var refused = await client.Delete("api/resource/User/lan.nguyen@haravan.vn");

        Assert.Equal((417, "LinkExistsError"), (refused.Status, refused.ExcType));
        Assert.Contains("Assignment Rule", refused.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(202, (await client.Delete($"api/resource/HD Team/{team}")).Status);
        Assert.Null(sim.Store.Get("Assignment Rule", rule));
        Assert.Equal(202, (await client.Delete("api/resource/User/lan.nguyen@haravan.vn")).Status);
        // Frappe made a contact for the user; it stays, no longer linked to it.
        var contact = Assert.Single(sim.Store.Where("Contact", c => c["email_id"]?.GetValue<string>() == "lan.nguyen@haravan.vn"));
        Assert.Null(contact["user"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_contact_a_ticket_links_to_is_refused_with_LinkExistsError_and_stays()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var contact = (await client.Insert("Contact", new JsonObject
        {
            ["first_name"] = "Trần Văn Bình",
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = "binh.tran@example.vn", ["is_primary"] = 1 }),
        })).Name!;
        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "Không đăng nhập được", ["raised_by"] = "binh.tran@example.vn", ["contact"] = contact });

        var refused = await client.Delete($"api/resource/Contact/{contact}");

        Assert.Equal(417, refused.Status);
        Assert.Equal("LinkExistsError", refused.ExcType);
        Assert.NotNull(sim.Store.Get("Contact", contact));
    }

    [Fact]
    public async Task A_link_field_added_as_a_custom_field_after_a_delete_protects_its_documents_from_the_next_one()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        async Task<string> Insert(string email) => (await client.Insert("Contact", new JsonObject
        {
            ["first_name"] = "Lê Thị Hoa",
            ["email_ids"] = new JsonArray(new JsonObject { ["email_id"] = email, ["is_primary"] = 1 }),
        })).Name!;
        var first = await Insert("hoa.le@example.vn");
        var second = await Insert("hoa.le2@example.vn");
        // A first delete works out what links to a contact, before the site has the custom field.
        Assert.Equal(202, (await client.Delete($"api/resource/Contact/{first}")).Status);
        await client.Insert("Custom Field", new JsonObject { ["dt"] = "HD Ticket", ["label"] = "Người liên hệ phụ", ["fieldname"] = "custom_second_contact", ["fieldtype"] = "Link", ["options"] = "Contact" });
        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "Đổi địa chỉ giao hàng", ["raised_by"] = "khach@example.vn", ["custom_second_contact"] = second });

        var refused = await client.Delete($"api/resource/Contact/{second}");

        Assert.Equal((417, "LinkExistsError"), (refused.Status, refused.ExcType));
        Assert.Contains("HD Ticket", refused.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(sim.Store.Get("Contact", second));
    }
}
