using System.Text;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A Freshdesk ticket export imported into the simulator through the real run job, database and HTTP client.</summary>
public sealed class TicketImportTests
{
    [Fact]
    public async Task A_ticket_export_lands_with_its_organisations_contacts_tickets_and_first_messages()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(40));

        await h.ExecuteAsync(runId);

        var records = await h.RecordsAsync(runId);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.All(records, r => Assert.True(r.State is RecordState.Succeeded || RecordChecks.FoundOnFreshSite(r), RecordChecks.Describe(r)));
        var store = h.Simulator.Store;
        Assert.Equal(40, records.Count(r => r.Stage == RunStage.Tickets));
        Assert.Equal(40, store.Count("HD Ticket"));
        Assert.Empty(store.FindDuplicates("Contact", "email_id"));

        // The export's own type is made once, before the tickets that name it; Question and Incident are the site's.
        var types = records.Where(r => r.Stage == RunStage.TicketTypes).ToDictionary(r => r.SourceKey, r => (r.State, r.Result));
        Assert.Equal(3, types.Count);
        Assert.Equal((RecordState.Succeeded, RecordResult.Created), types["Yêu cầu tính năng"]);
        Assert.Equal((RecordState.Skipped, RecordResult.Existing), types["Question"]);
        Assert.Equal((RecordState.Skipped, RecordResult.Existing), types["Incident"]);
        Assert.NotNull(store.Get("HD Ticket Type", "Yêu cầu tính năng"));
        Assert.Equal(5, store.Count("HD Ticket Type"));
        var byType = store.List("HD Ticket").GroupBy(t => ImportedSite.Text(t, "ticket_type")).ToDictionary(g => g.Key ?? "", g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["Question"] = 14, ["Incident"] = 21, ["Yêu cầu tính năng"] = 5 }, byType);
    }

    [Fact]
    public async Task A_record_s_detail_shows_the_body_the_site_received_while_its_row_keeps_only_what_the_send_added()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(6));

        await h.ExecuteAsync(runId);

        var tickets = (await h.RecordsAsync(runId)).Where(r => r.Stage == RunStage.Tickets).ToList();
        Assert.Equal(6, tickets.Count);
        var tagged = 0;
        foreach (var record in tickets)
        {
            var detail = await h.Queries.DetailAsync(record.Id, CancellationToken.None) ?? throw new InvalidOperationException($"no detail for ticket {record.SourceKey}");
            // Its tags as planned (every other row of the sample has two), and on the site as Frappe keeps them.
            var tags = detail.Tags?[TicketTags.Field]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
            tagged += tags.Count > 0 ? 1 : 0;
            var sent = detail.Sent ?? throw new InvalidOperationException($"ticket {record.SourceKey} shows no body sent");
            var onSite = h.Simulator.Store.Get("HD Ticket", record.FrappeName!) ?? throw new InvalidOperationException($"ticket {record.SourceKey} is not on the site");
            // Every planned field went as planned, and each reference went as the name the site gave its document.
            Assert.All(detail.Planned, field => Assert.True(JsonNode.DeepEquals(field.Value, sent[field.Key]), $"ticket {record.SourceKey}: {field.Key} sent as {sent[field.Key]?.ToJsonString()}, planned {field.Value?.ToJsonString()}"));
            // The insert's references; the team goes with the status PUT (its own record).
            var inserted = detail.References.Where(r => r.Stage == FieldStage.Insert).ToList();
            Assert.NotEmpty(inserted);
            Assert.Contains(detail.References, r => r is { Entity: EntityKind.Team, Field: "agent_group", Stage: FieldStage.FinaliseStatus });
            Assert.All(inserted, reference =>
            {
                var name = sent[reference.Field]?.GetValue<string>();
                Assert.False(string.IsNullOrEmpty(name), $"ticket {record.SourceKey}: {reference.Field} not sent");
                Assert.Equal(name, ImportedSite.Text(onSite, reference.Field));
            });
            Assert.Equal(ImportedSite.Text(onSite, "subject"), sent["subject"]?.GetValue<string>());
            Assert.Equal(tags.Count == 0 ? "" : "," + string.Join(",", tags), ImportedSite.Text(onSite, "_user_tags"));
            // The row keeps the references written in, not a second copy of the planned body.
            Assert.Contains("\"$changes\"", record.SentJson, StringComparison.Ordinal);
            Assert.True(record.SentJson!.Length * 3 < record.PayloadJson.Length, $"ticket {record.SourceKey} keeps {record.SentJson.Length} characters of its sent body: {record.SentJson}");
        }

        Assert.Equal(3, tagged);
    }

    [Fact]
    public async Task A_ticket_listed_twice_in_the_export_is_planned_and_created_once_from_its_first_row()
    {
        await using var h = await RunsHarness.StartAsync();
        var rows = Encoding.UTF8.GetString(FreshdeskSampleWriter.TicketCsv(5)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Ticket 2 again at the end, with another subject and a reply of its own: the export's first row of it wins.
        Assert.Contains("Không đăng nhập được", rows[2], StringComparison.Ordinal);
        var again = rows[2].Replace("Không đăng nhập được", "Dòng lặp lại", StringComparison.Ordinal);
        var runId = await h.StartTicketRunAsync(Encoding.UTF8.GetBytes(string.Join("\r\n", [.. rows, again]) + "\r\n"));

        await h.ExecuteAsync(runId);

        var records = await h.RecordsAsync(runId);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(5, records.Count(r => r.Stage == RunStage.Tickets));
        var second = Assert.Single(records, r => r.Stage == RunStage.Tickets && r.SourceKey == "2");
        Assert.Equal("Không đăng nhập được", JsonNode.Parse(second.PayloadJson)!["insert"]!["subject"]!.GetValue<string>());
        Assert.True(second.Row < records.Max(r => r.Row), $"ticket 2 planned from row {second.Row}");
        Assert.Single(records, r => r.Stage == RunStage.Finalise && r.SourceKey == "2");
        Assert.Equal(5, h.Simulator.Store.Count("HD Ticket"));
        Assert.DoesNotContain(h.Simulator.Store.List("HD Ticket"), t => t["subject"]?.ToString() == "Dòng lặp lại");
        // The dashboard's total is the records planned, not the rows read.
        Assert.Equal(records.Count, await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).Select(r => r.RecordCount).FirstAsync()));
    }
}
