using System.Diagnostics;
using FrappeSimulator.Faults;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>The import against a site that rate-limits, deadlocks, resets connections and drops answers after committing.</summary>
public sealed class FaultyImportTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_rate_limits_deadlocks_resets_and_dropped_answers_nothing_is_duplicated_and_nothing_is_lost(bool batches)
    {
        // With its files: their uploads meet the same faults.
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(tickets: 300).WithAttachments(origin);
        await using var h = await RunsHarness.StartAsync();
        var before = h.Simulator.Store.CountsByDoctype();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 8, Batches = batches });
        var faults = h.Simulator.Faults;
        // About 5% of requests over the budget at the pace this machine reaches; the others as shares of every request.
        faults.LimitRate(60, TimeSpan.FromSeconds(1));
        var rules = new[]
        {
            faults.AddShare(FaultKind.Deadlock, 0.02),
            faults.AddShare(FaultKind.ConnectionReset, 0.01),
            faults.AddShare(FaultKind.CommitThenDrop, 0.01),
        };
        var clock = Stopwatch.StartNew();

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        output.WriteLine($"run {clock.Elapsed.TotalSeconds:0.0} s, {h.Simulator.Store.Requests.Total} requests; faults fired: "
            + string.Join(", ", rules.Select(r => $"{r.Kind} {faults.Hits(r)}")) + $"; answers seen by the portal: {h.Responses}");
        var records = await h.RecordsAsync(runId);
        output.WriteLine(RecordChecks.Tally(records));
        output.WriteLine(string.Join("\n", records.Where(r => r.State != ImportPortal.Domain.Migration.RecordState.Succeeded).Select(RecordChecks.Describe)));
        Assert.True(rules.All(r => faults.Hits(r) > 0) && h.Responses[429] > 0, "every kind of fault, 429 included, should have fired at least once, or the test proves nothing");
        var duplicates = ImportedSite.DuplicateProblems(h.Simulator.Store);
        Assert.True(duplicates.Count == 0, "no document may be created twice: " + ImportedSite.Describe(duplicates));
        var lost = RecordChecks.LostRecords(records);
        Assert.True(lost.Count == 0, "every record should end Succeeded, Skipped or Failed with a reason: " + ImportedSite.Describe(lost));
        var reconcile = ImportedSite.ReconcileProblems(h.Simulator.Store, export, records, before);
        Assert.True(reconcile.Count == 0, "the site should hold exactly what the run says it created: " + ImportedSite.Describe(reconcile));
    }
}
