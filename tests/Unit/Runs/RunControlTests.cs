using FrappeSimulator.Faults;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>The operator pauses, resumes and cancels a run while its job works.</summary>
public sealed class RunControlTests
{
    [Fact]
    public async Task A_paused_run_stops_with_records_pending_and_none_in_flight_and_completes_when_resumed()
    {
        var export = AccountExport.Create(tickets: 150);
        await using var h = await RunsHarness.StartAsync();
        var before = h.Simulator.Store.CountsByDoctype();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 4 });
        h.Simulator.Faults.Latency = new LatencyProfile(3, 3);
        var job = h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        await h.WaitForSucceededAsync(runId, export.Companies.Count + 30, TimeSpan.FromSeconds(60));

        Assert.True((await h.Runs.PauseAsync("van.hanh", runId, CancellationToken.None)).Succeeded, "pause should be accepted while the run works");
        await job.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Paused, await h.StateAsync(runId));
        var paused = await h.RecordsAsync(runId);
        Assert.True(!paused.Any(r => r.State == RecordState.InFlight), $"nothing may stay in flight once paused: {RecordChecks.Tally(paused)}");
        Assert.True(paused.Any(r => r.State == RecordState.Pending), $"a run paused mid-way should leave records pending: {RecordChecks.Tally(paused)}");
        var writes = h.Writes();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.True(writes == h.Writes(), "a paused run should send nothing");

        h.Simulator.Faults.Latency = LatencyProfile.None;
        Assert.True((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded, "resume should be accepted for a paused run");
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        RecordChecks.AllWentThrough(records, export, " after resuming");
        var counts = ImportedSite.CountProblems(h.Simulator.Store, export, before);
        Assert.True(counts.Count == 0, "paused and resumed, the site should hold exactly the export's documents: " + ImportedSite.Describe(counts));
    }

    [Fact]
    public async Task Resuming_while_the_run_is_still_pausing_carries_it_on_instead_of_leaving_it_paused()
    {
        var export = AccountExport.Create(tickets: 30);
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 4 });
        var job = h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        await h.WaitForSucceededAsync(runId, export.Companies.Count + 10, TimeSpan.FromSeconds(60));
        // Slow answers keep the job in Pausing: it has stopped starting records but waits for the ones in flight.
        h.Simulator.Faults.Latency = new LatencyProfile(600);
        await Task.Delay(100, TestContext.Current.CancellationToken);

        Assert.True((await h.Runs.PauseAsync("van.hanh", runId, CancellationToken.None)).Succeeded, "pause should be accepted while the run works");
        await Task.Delay(350, TestContext.Current.CancellationToken);
        Assert.True(await h.StateAsync(runId) == RunState.Pausing && !job.IsCompleted, "the job should still be finishing its requests when the operator resumes");
        Assert.True((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded, "resume should be accepted while the run is pausing");
        h.Simulator.Faults.Latency = LatencyProfile.None;
        await job.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        // Whatever the resume enqueued runs too, as Hangfire would run it.
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        Assert.True(await h.StateAsync(runId) == RunState.Completed, $"the resumed run should complete, it is {await h.StateAsync(runId)}: {RecordChecks.Tally(records)}");
    }

    [Fact]
    public async Task A_cancelled_run_ends_cancelled_with_nothing_in_flight_and_sends_nothing_more()
    {
        var export = AccountExport.Create(tickets: 150);
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 4 });
        h.Simulator.Faults.Latency = new LatencyProfile(3, 3);
        var job = h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        await h.WaitForSucceededAsync(runId, export.Companies.Count + 30, TimeSpan.FromSeconds(60));

        Assert.True((await h.Runs.CancelAsync("van.hanh", runId, CancellationToken.None)).Succeeded, "cancel should be accepted while the run works");
        await job.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Cancelled, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        Assert.True(!records.Any(r => r.State == RecordState.InFlight), $"nothing may stay in flight once cancelled: {RecordChecks.Tally(records)}");
        Assert.True(records.Any(r => r.State == RecordState.Pending), $"a run cancelled mid-way leaves the rest unsent: {RecordChecks.Tally(records)}");
        var writes = h.Writes();
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        Assert.True(writes == h.Writes(), "a job started for a cancelled run should send nothing");
        Assert.False((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded, "a cancelled run cannot be resumed");
    }
}
