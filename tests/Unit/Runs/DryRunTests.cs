using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A dry run maps, checks and resolves references, and says what it would do, without writing to the site.</summary>
public sealed class DryRunTests
{
    [Fact]
    public async Task A_dry_run_writes_nothing_to_the_site_and_reports_what_it_would_create()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(tickets: 40).WithAttachments(origin);
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { DryRun = true });
        var counts = h.Simulator.Store.CountsByDoctype();
        var writes = h.Writes();

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.True(writes == h.Writes(), $"a dry run should send no POST or PUT, it sent {h.Writes() - writes}");
        Assert.Equal(counts, h.Simulator.Store.CountsByDoctype());
        // Not even a file is fetched: a dry run checks each link's host and goes no further.
        Assert.Equal(0, origin.Requests);
        Assert.True(await h.StateAsync(runId) == RunState.Completed, ImportedSite.Describe((await h.RecordsAsync(runId)).Where(r => r.State == RecordState.Failed).Select(RecordChecks.Describe).ToList()));
        var view = await h.Queries.GetAsync(runId, CancellationToken.None) ?? throw new InvalidOperationException("the run is gone");
        var stages = view.Progress.Stages.ToDictionary(s => s.Stage);
        var want = export.ExpectedCounts;
        var expected = new (RunStage Stage, long Created, long Updated)[]
        {
            (RunStage.Organisations, want["HD Customer"], 0),
            (RunStage.Contacts, want["Contact"], 0),
            (RunStage.Tickets, want["HD Ticket"], 0),
            (RunStage.Conversations, want["Communication"] + want["HD Ticket Comment"], 0),
            (RunStage.Finalise, 0, export.Tickets.Count),
            (RunStage.Assignments, 0, export.Tickets.Count(t => export.AssigneeOf(t) is not null)),
            (RunStage.Attachments, want["File"], 0),
        };
        foreach (var (stage, created, updated) in expected)
        {
            var got = stages[stage];
            Assert.True(got.Created == created && got.Updated == updated && got.Failed == 0 && got.Skipped == 0 && got.Pending == 0,
                $"{stage}: would create {created} and update {updated}, the run reports {got}");
        }

        // The ticket types a fresh site has are found there, and the others would be made.
        var types = stages[RunStage.TicketTypes];
        var found = export.TicketTypes.Count - export.NewTicketTypes.Count;
        Assert.True(types.Created == export.NewTicketTypes.Count && types.Skipped == found && types.Failed == 0 && types.Pending == 0,
            $"ticket types: would create {export.NewTicketTypes.Count} and find {found}, the run reports {types}");

        var results = (await h.RecordsAsync(runId)).Where(r => RunStages.Creates(r.Stage) && !RecordChecks.FoundOnFreshSite(r)).Select(r => r.Result).Distinct().ToList();
        Assert.Equal([RecordResult.WouldCreate], results);
    }
}
