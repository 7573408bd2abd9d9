using ImportPortal.Domain.Migration;
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
