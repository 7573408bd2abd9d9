using System.Text.Json.Nodes;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Rules;

/// <summary><c>frappe.desk.form.assign_to.add</c>: a ToDo per new assignee, safe to repeat, notifying only when someone else assigns.</summary>
public class AssignToTests
{
    const string AssignTo = "api/method/frappe.desk.form.assign_to.add";

    [Fact]
    public async Task An_assignment_makes_one_open_ToDo_and_sending_it_again_makes_none()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("User", new JsonObject { ["email"] = "lan.nguyen@haravan.vn", ["first_name"] = "Nguyễn Thị Lan", ["send_welcome_email"] = 0 });
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "Đơn hàng chưa giao", ["raised_by"] = "khach@example.com" })).Name!;
        var body = new JsonObject
        {
            ["assign_to"] = new JsonArray("lan.nguyen@haravan.vn"), ["doctype"] = "HD Ticket", ["name"] = ticket, ["assigned_by"] = "lan.nguyen@haravan.vn",
        };

        var first = await client.Post(AssignTo, body);
        var again = await client.Post(AssignTo, body);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, again.Status);
        var todo = Assert.Single(sim.Store.List("ToDo"));
        Assert.Equal(("lan.nguyen@haravan.vn", ticket, "Open", "lan.nguyen@haravan.vn"),
            (todo["allocated_to"]!.GetValue<string>(), todo["reference_name"]!.GetValue<string>(), todo["status"]!.GetValue<string>(), todo["assigned_by"]!.GetValue<string>()));
        var answer = Assert.Single(again.Message!.AsArray());
        Assert.Equal("lan.nguyen@haravan.vn", answer!["owner"]!.GetValue<string>());
        Assert.Empty(sim.Store.List("Notification Log"));
    }

    [Fact]
    public async Task Only_an_assignment_by_someone_else_notifies_the_assignee()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("User", new JsonObject { ["email"] = "an@haravan.vn", ["first_name"] = "An", ["send_welcome_email"] = 0 });
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "Hỏi phí vận chuyển", ["raised_by"] = "khach@example.com" })).Name!;

        var answer = await client.Post(AssignTo, new JsonObject { ["assign_to"] = "[\"an@haravan.vn\"]", ["doctype"] = "HD Ticket", ["name"] = ticket });

        Assert.Equal(200, answer.Status);
        var notification = Assert.Single(sim.Store.List("Notification Log"));
        Assert.Equal(("an@haravan.vn", "Assignment", ticket), (notification["for_user"]!.GetValue<string>(), notification["type"]!.GetValue<string>(), notification["document_name"]!.GetValue<string>()));
        Assert.Equal("Administrator", Assert.Single(sim.Store.List("ToDo"))["assigned_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_or_a_document_that_is_not_there_is_refused_and_nothing_is_written()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var ticket = (await client.Insert("HD Ticket", new JsonObject { ["subject"] = "x", ["raised_by"] = "khach@example.com" })).Name!;

        var noUser = await client.Post(AssignTo, new JsonObject { ["assign_to"] = new JsonArray("former@haravan.vn"), ["doctype"] = "HD Ticket", ["name"] = ticket });
        var noTicket = await client.Post(AssignTo, new JsonObject { ["assign_to"] = new JsonArray("Administrator"), ["doctype"] = "HD Ticket", ["name"] = "99999" });

        Assert.Equal((417, "LinkValidationError"), (noUser.Status, noUser.ExcType));
        Assert.Contains("former@haravan.vn", noUser.Messages.Single(), StringComparison.Ordinal);
        Assert.Equal((404, "DoesNotExistError"), (noTicket.Status, noTicket.ExcType));
        Assert.Empty(sim.Store.List("ToDo"));
        Assert.Empty(sim.Store.List("Notification Log"));
    }
}
