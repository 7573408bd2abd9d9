using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A run job that dies mid-run (its token cancelled, its lease left behind) and a new job that takes the run over.</summary>
public sealed class CrashRestartTests(ITestOutputHelper output)
{
    /// <summary>The job dies while the site is storing its nth document of the doctype (a ticket; a file, fetched and uploaded): that one is created but the job never hears of it.</summary>
    [Theory]
    [InlineData("HD Ticket", 60)]
    [InlineData("File", 10)]
    public async Task A_run_whose_job_died_mid_run_is_taken_over_when_its_lease_lapses_and_completes_without_duplicates(string doctype, int nth)
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = doctype == "File" ? AccountExport.Create(tickets: 60).WithAttachments(origin) : AccountExport.Create(tickets: 200);
        await using var h = await RunsHarness.StartAsync();
        var before = h.Simulator.Store.CountsByDoctype();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 8 });
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var stored = 0;
        h.Simulator.Faults.Rejections.Add(doctype, document =>
        {
            if (Interlocked.Increment(ref stored) == nth)
            {
                _ = Task.Run(() => crash.Cancel(), CancellationToken.None);
            }

            return false;
        }, "never refused");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.ExecuteAsync(runId, crash.Token).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
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
        var files = ImportedSite.AttachmentProblems(h.Simulator, export);
        Assert.True(files.Count == 0, "every file should be on its message once: " + ImportedSite.Describe(files));
    }
}
