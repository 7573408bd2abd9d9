using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A run job that dies mid-run (its token cancelled, its lease left behind) and a new job that takes the run over.</summary>
public sealed class CrashRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_run_whose_job_died_mid_run_is_taken_over_when_its_lease_lapses_and_completes_without_duplicates()
    {
        var export = AccountExport.Create(tickets: 200);
        await using var h = await RunsHarness.StartAsync();
        var before = h.Simulator.Store.CountsByDoctype();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 8 });
        h.Simulator.Faults.Latency = new FrappeSimulator.Faults.LatencyProfile(2, 3);
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var job = h.ExecuteAsync(runId, crash.Token);
        await h.WaitForSucceededAsync(runId, export.Companies.Count + export.Customers.Count() + 40, TimeSpan.FromSeconds(60));

        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);
        // What a killed process leaves: its lease, still running for a while, and the records it had claimed.
        var deadOwner = Guid.NewGuid();
        await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, deadOwner).SetProperty(r => r.LeaseUntil, DateTimeOffset.UtcNow.AddSeconds(2))));
        var inFlight = (await h.RecordsAsync(runId)).Count(r => r.State == RecordState.InFlight);
        output.WriteLine($"{inFlight} records left InFlight by the dead job");
        Assert.True(inFlight > 0, "the crash should leave claimed records InFlight, or the test does not exercise their recovery");

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        Assert.True(await h.StateAsync(runId) == RunState.Running, "a new job must not work on a run whose lease has not lapsed");
        Assert.Equal(inFlight, (await h.RecordsAsync(runId)).Count(r => r.State == RecordState.InFlight));

        await Task.Delay(TimeSpan.FromSeconds(2.2), TestContext.Current.CancellationToken);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        output.WriteLine(RecordChecks.Tally(records));
        Assert.True((await h.StateAsync(runId)).IsFinished(), $"the run should have finished, it is {await h.StateAsync(runId)}");
        var duplicates = ImportedSite.DuplicateProblems(h.Simulator.Store);
        Assert.True(duplicates.Count == 0, "no document may be created twice: " + ImportedSite.Describe(duplicates));
        var lost = RecordChecks.LostRecords(records);
        Assert.True(lost.Count == 0, "every record should end Succeeded, Skipped or Failed with a reason: " + ImportedSite.Describe(lost));
        var reconcile = ImportedSite.ReconcileProblems(h.Simulator.Store, export, records, before);
        Assert.True(reconcile.Count == 0, "the site should hold exactly what the run says it created: " + ImportedSite.Describe(reconcile));
    }
}
