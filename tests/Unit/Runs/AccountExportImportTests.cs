using System.Diagnostics;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A whole Freshdesk account export through the real run job, database and HTTP client into the simulator.</summary>
public sealed class AccountExportImportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_thousand_tickets_land_with_their_contacts_organisations_replies_notes_statuses_and_source_times()
    {
        var export = AccountExport.Create(tickets: 2000);
        // Customers without an e-mail are among the requesters: by a number, and by neither (a Facebook account).
        Assert.Contains(export.Tickets, t => export.User(t.RequesterId) is { WithoutEmail: true, WithoutAddress: false });
        Assert.Contains(export.Tickets, t => export.User(t.RequesterId).WithoutAddress);
        await using var h = await RunsHarness.StartAsync();
        var before = h.Simulator.Store.CountsByDoctype();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 16 });
        var started = clock.Elapsed;

        var runStart = DateTimeOffset.UtcNow;
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        output.WriteLine($"{export.ExpectedRecords} records; upload and start {started.TotalSeconds:0.0} s, run {(clock.Elapsed - started).TotalSeconds:0.0} s, "
            + $"CPU of the test process {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s; {h.Simulator.Store.Requests.Total} requests");
        var records = await h.RecordsAsync(runId);
        var run = await h.InDatabaseAsync(db => db.ImportRuns.FindAsync(runId).AsTask());
        output.WriteLine($"planned in {(run!.PlannedAt - run.StartedAt)?.TotalSeconds:0.0} s; outcomes written: " + RecordChecks.StageTimes(records, runStart));
        RecordChecks.AllWentThrough(records, export);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(export.ExpectedRecords, records.Count);
        var store = h.Simulator.Store;
        var counts = ImportedSite.CountProblems(store, export, before);
        Assert.True(counts.Count == 0, "the site should hold exactly the export's documents: " + ImportedSite.Describe(counts));
        var content = ImportedSite.ContentProblems(store, export);
        Assert.True(content.Count == 0, "every document should carry the source's links, status and times: " + ImportedSite.Describe(content));
    }

    [Fact]
    public async Task Notes_the_export_lists_newest_first_are_sent_oldest_first_so_helpdesk_shows_them_in_time_order()
    {
        var listed = AccountExport.Create(tickets: 40);
        var export = listed with { Tickets = [.. listed.Tickets.Select(t => t with { Notes = [.. t.Notes.Reverse()] })] };
        Assert.Contains(export.Tickets, t => t.Notes.Count(n => !n.Private) >= 2);
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 8 });

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        // ContentProblems compares each ticket's Communications, in the order the site created them, with the notes' time order.
        var content = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(content.Count == 0, "every ticket's messages should be on the site in time order: " + ImportedSite.Describe(content));
    }
}
