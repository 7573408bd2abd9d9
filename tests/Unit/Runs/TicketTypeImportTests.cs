using FrappeSimulator.Faults;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// The ticket types the tickets name and the site lacks are made before the tickets (a fresh Helpdesk has Unspecified,
/// Question, Bug and Incident): real run job and HTTP, against the simulator.
/// </summary>
public sealed class TicketTypeImportTests
{
    private const string TicketType = "HD Ticket Type";

    [Fact]
    public async Task A_type_whose_answer_was_lost_or_cut_is_looked_up_by_its_name_and_made_once()
    {
        var export = AccountExport.Create(tickets: 20);
        await using var h = await RunsHarness.StartAsync();
        var faults = h.Simulator.Faults;
        // The first type is made and its answer lost; the second is cut before the site reads it.
        var rules = new[]
        {
            faults.AddNth(FaultKind.CommitThenDrop, 1, FaultTarget.ForDoctype(TicketType, "POST")),
            faults.AddNth(FaultKind.ConnectionReset, 2, FaultTarget.ForDoctype(TicketType, "POST")),
        };
        var runId = await h.StartAccountExportRunAsync(export);

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.All(rules, r => Assert.Equal(1, faults.Hits(r)));
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(RecordChecks.WentThrough(r, export), RecordChecks.Describe(r)));
        var types = records.Where(r => r.Stage == RunStage.TicketTypes).ToDictionary(r => r.SourceKey, r => r.Result);
        Assert.Equal(["Hoàn tiền", "Incident", "Question", "Yêu cầu tính năng"], types.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(RecordResult.Created, types["Hoàn tiền"]);
        Assert.Equal(RecordResult.Created, types["Yêu cầu tính năng"]);
        Assert.Equal(
            [.. AccountExport.SiteTicketTypes.Append("Hoàn tiền").Append("Yêu cầu tính năng").Order(StringComparer.Ordinal)],
            h.Simulator.Store.List(TicketType).Select(t => ImportedSite.Text(t, "name")).Order(StringComparer.Ordinal));
        var content = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(content.Count == 0, "each ticket should have its type: " + ImportedSite.Describe(content));
    }

    [Fact]
    public async Task Tickets_of_a_type_the_site_refused_wait_on_it_and_land_when_it_is_retried()
    {
        var export = AccountExport.Create(tickets: 20);
        const string refused = "Hoàn tiền";
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add(TicketType, doc => doc["name"]?.ToString() == refused, "Tên loại phiếu không hợp lệ");
        var runId = await h.StartAccountExportRunAsync(export);

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        var type = Assert.Single(records, r => r.Stage == RunStage.TicketTypes && r.State == RecordState.Failed);
        Assert.Equal(refused, type.SourceKey);
        var waiting = records.Where(r => r.Stage == RunStage.Tickets && r.State == RecordState.Failed).Select(r => r.SourceKey).Order().ToList();
        var expected = export.Tickets.Where(t => t.TicketType == refused).Select(t => t.SourceId).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, waiting);
        Assert.All(records.Where(r => r.Stage == RunStage.Tickets && r.State == RecordState.Failed), r => Assert.True(
            r.ErrorKind == RecordErrorKind.Dependency && r.ErrorMessage!.Contains($"TicketType {refused}", StringComparison.Ordinal)
            && r.ErrorMessage.Contains("Tên loại phiếu không hợp lệ", StringComparison.Ordinal), RecordChecks.Describe(r)));
        // Nothing of them reached the site, and every other ticket did.
        Assert.Equal(export.Tickets.Count - expected.Count, h.Simulator.Store.Count("HD Ticket"));

        h.Simulator.Faults.Rejections.Clear();
        await h.RetryAsync(runId, null);

        var after = await h.RecordsAsync(runId);
        Assert.All(after, r => Assert.True(RecordChecks.WentThrough(r, export), $"every record should be in after the retry: {RecordChecks.Describe(r)}"));
        var content = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(content.Count == 0, "each ticket should be on the site with its type once the type is in: " + ImportedSite.Describe(content));
    }

    [Fact]
    public async Task A_run_that_updates_what_exists_finds_the_site_s_types_and_leaves_them_as_the_team_set_them()
    {
        var export = AccountExport.Create(tickets: 10);
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Existing = ExistingMode.Update });

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var types = (await h.RecordsAsync(runId)).Where(r => r.Stage == RunStage.TicketTypes).ToList();
        Assert.Equal(2, types.Count(r => r is { State: RecordState.Skipped, Result: RecordResult.Existing }));
        Assert.Equal(2, types.Count(r => r is { State: RecordState.Succeeded, Result: RecordResult.Created }));
        Assert.Equal(0, h.Simulator.Store.Requests.Count($"PUT /api/resource/{TicketType}"));
        Assert.Equal(2, h.Simulator.Store.Requests.Count($"POST /api/resource/{TicketType}"));
    }

    [Fact]
    public async Task With_the_stage_left_out_tickets_name_their_type_as_written_and_the_site_refuses_a_type_it_lacks()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(TestData.FreshdeskSampleWriter.TicketCsv(10), new RunOptions { Stages = [.. RunStages.All.Where(s => s != RunStage.TicketTypes)] });

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        Assert.All(records.Where(r => r.Stage == RunStage.TicketTypes), r => Assert.Equal(RecordState.Pending, r.State));
        Assert.Equal(AccountExport.SiteTicketTypes.Length, h.Simulator.Store.Count(TicketType));
        // Row 5 (index 4) is the export's own type: the site's link check refuses it, as it would any ticket of a missing type.
        var refused = Assert.Single(records, r => r.Stage == RunStage.Tickets && r.State == RecordState.Failed);
        Assert.Equal("5", refused.SourceKey);
        Assert.True(refused.ErrorKind == RecordErrorKind.Data && refused.ErrorMessage!.Contains("Yêu cầu tính năng", StringComparison.Ordinal), RecordChecks.Describe(refused));
        var types = h.Simulator.Store.List("HD Ticket").Select(t => ImportedSite.Text(t, "ticket_type")).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["Incident", "Question"], types);
        Assert.Equal(9, h.Simulator.Store.Count("HD Ticket"));
    }
}
