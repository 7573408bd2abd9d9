using Hangfire;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>An active run no job holds (its job died without writing its end) is handed to a new job, and only such a run.</summary>
public sealed class RunWatchdogTests
{
    private const string RunJob = "RunImportJob.ExecuteAsync Enqueued";

    [Fact]
    public async Task A_running_run_whose_job_is_gone_is_handed_to_a_new_job_at_the_second_look_and_runs_to_the_end()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(8));
        // As a job leaves it when even the run's end could not be written: Running, its lease lapsed a minute ago.
        await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, RunState.Running).SetProperty(r => r.LeaseOwner, Guid.NewGuid()).SetProperty(r => r.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var watchdog = h.Services.GetRequiredService<RunWatchdog>();
        var enqueued = h.Jobs.Created.Count(j => j == RunJob);

        Assert.Empty(await watchdog.ReviveStalledAsync(CancellationToken.None));
        Assert.Equal([runId], await watchdog.ReviveStalledAsync(CancellationToken.None));

        Assert.Equal(enqueued + 1, h.Jobs.Created.Count(j => j == RunJob));
        await h.ExecuteAsync(runId);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(8, h.Simulator.Store.Count("HD Ticket"));
        Assert.Empty(await watchdog.ReviveStalledAsync(CancellationToken.None));
        Assert.Empty(await watchdog.ReviveStalledAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_run_whose_job_waits_in_the_queue_behind_busy_workers_gets_no_second_job_until_that_one_is_gone()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(3));
        var later = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(3), profileName: "Chạy sau");
        await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId || r.Id == later).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, RunState.Queued).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)));
        // Its job in Hangfire's own storage (no server runs here: it waits, as behind busy workers), and another run's;
        // the later run's job is scheduled, as one that found a lease taken puts itself off.
        var storage = h.Services.GetRequiredService<JobStorage>();
        var queued = new BackgroundJobClient(storage).Enqueue<RunImportJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        new BackgroundJobClient(storage).Enqueue<RunImportJob>(job => job.ExecuteAsync(Guid.NewGuid(), CancellationToken.None));
        new BackgroundJobClient(storage).Schedule<RunImportJob>(job => job.ExecuteAsync(later, CancellationToken.None), TimeSpan.FromMinutes(1));
        var watchdog = h.Services.GetRequiredService<RunWatchdog>();
        var enqueued = h.Jobs.Created.Count(j => j == RunJob);

        Assert.Empty(await watchdog.ReviveStalledAsync(CancellationToken.None));
        Assert.Empty(await watchdog.ReviveStalledAsync(CancellationToken.None));
        Assert.Empty(await watchdog.ReviveStalledAsync(CancellationToken.None));
        Assert.Equal(enqueued, h.Jobs.Created.Count(j => j == RunJob));

        // Gone from the queue without taking the run (deleted from the dashboard, or lost): the run is handed over.
        Assert.True(new BackgroundJobClient(storage).Delete(queued));
        Assert.Equal([runId], await watchdog.ReviveStalledAsync(CancellationToken.None));
        Assert.Equal(enqueued + 1, h.Jobs.Created.Count(j => j == RunJob));
    }

    [Fact]
    public async Task A_run_whose_job_holds_its_lease_and_a_paused_run_are_left_alone()
    {
        await using var h = await RunsHarness.StartAsync();
        var held = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(3));
        var paused = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(3), profileName: "Tạm dừng");
        await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == held).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, RunState.Running).SetProperty(r => r.LeaseOwner, Guid.NewGuid()).SetProperty(r => r.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(1))));
        await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == paused).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Paused)));
        var watchdog = h.Services.GetRequiredService<RunWatchdog>();

        Assert.Empty(await watchdog.ReviveStalledAsync(CancellationToken.None));
        Assert.Empty(await watchdog.ReviveStalledAsync(CancellationToken.None));
    }
}
