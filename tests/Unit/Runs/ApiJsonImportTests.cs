using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Mappings;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A Freshdesk API v2 dump through the real run job into the simulator: agents, assignees, and messages with their recipients and copies.</summary>
public sealed class ApiJsonImportTests
{
    private const string Agent = "hotro@haravan.vn";

    [Fact]
    public async Task Each_ticket_gets_its_agent_and_each_message_its_recipients_and_copies_without_an_address_frappe_would_refuse()
    {
        await using var h = await RunsHarness.StartAsync();
        var upload = await h.UploadAsync(Dump(tickets: 6), "freshdesk-api.json");
        var profile = await h.ProfileAsync(FreshdeskApiJsonPreset.Create(siteTimeZone: "UTC") with { Name = "Freshdesk API" });
        var bindings = new[] { "companies", "contacts", "agents", "tickets" }.ToDictionary(t => t, t => new TableBinding(upload, t));
        var runId = await h.StartAsync(profile, bindings);

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(r.State is RecordState.Succeeded or RecordState.Skipped, RecordChecks.Describe(r)));
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var store = h.Simulator.Store;
        var replies = store.List("Communication").Where(c => c["custom_source_id"]?.ToString().StartsWith("70", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(6, replies.Count);
        Assert.All(replies, c => Assert.Equal(("khach@example.vn", "ke.toan@example.vn, giam.doc@example.vn"), (c["recipients"]?.ToString(), c["cc"]?.ToString())));
        // Tickets answered by the agent are the agent's own assignments; the one nobody answered has none.
        var todos = store.List("ToDo").Select(t => (t["allocated_to"]?.ToString(), t["assigned_by"]?.ToString())).ToList();
        Assert.Equal(Enumerable.Repeat(((string?)Agent, (string?)Agent), 5), todos);
        Assert.Empty(store.List("Notification Log"));
    }

    /// <summary>One agent, one customer, and tickets answered by the agent (the last by nobody), each with a reply copied to two people and to an address Frappe refuses.</summary>
    private static byte[] Dump(int tickets)
    {
        var list = new JsonArray();
        for (var i = 1; i <= tickets; i++)
        {
            list.Add(new JsonObject
            {
                ["id"] = i, ["subject"] = $"Đơn hàng #{i} chưa giao", ["description"] = "<p>Chào shop</p>", ["status"] = 2, ["priority"] = 1,
                ["requester_id"] = 501, ["responder_id"] = i == tickets ? null : 77, ["created_at"] = "2024-05-10T03:00:00Z",
                ["conversations"] = new JsonArray(new JsonObject
                {
                    ["id"] = 7000 + i, ["body"] = "<p>Đã gửi lại</p>", ["incoming"] = false, ["private"] = false, ["from_email"] = Agent, ["user_id"] = 77,
                    ["created_at"] = "2024-05-10T04:00:00Z", ["to_emails"] = new JsonArray("Khách <khach@example.vn>"),
                    ["cc_emails"] = new JsonArray("ke.toan@example.vn", "giam.doc@example.vn", "không phải e-mail"),
                }),
            });
        }

        var dump = new JsonObject
        {
            ["companies"] = new JsonArray(),
            ["contacts"] = new JsonArray(new JsonObject { ["id"] = 501, ["name"] = "Phạm Minh Khoa", ["email"] = "khach@example.vn" }),
            ["agents"] = new JsonArray(new JsonObject { ["id"] = 77, ["contact"] = new JsonObject { ["name"] = "Lê Thị Hỗ Trợ", ["email"] = Agent } }),
            ["tickets"] = list,
        };
        return System.Text.Encoding.UTF8.GetBytes(dump.ToJsonString());
    }
}
