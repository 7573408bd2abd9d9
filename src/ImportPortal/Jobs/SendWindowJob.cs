using Hangfire;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Jobs;

/// <summary>
/// The moments a run's sending is set to (<see cref="RunOptions.SendFrom"/>, <see cref="RunOptions.Window"/>): each
/// scheduled in Hangfire for its moment, each doing nothing when the run no longer waits for it.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class SendWindowJob(IDbContextFactory<PortalDbContext> databases, RunImportJob runJob, IBackgroundJobClient jobs, TimeProvider time, ILogger<SendWindowJob> logger)
{
    /// <summary>
    /// Starts the sending of a run that waits for <paramref name="until"/> (its send-from moment, or its window's
    /// opening), scheduled when the run paused to wait. Nothing when the run no longer waits for that moment: resumed,
    /// paused again or cancelled by hand since, or started by another copy of this job (a restart schedules it again).
    /// </summary>
    public async Task OpenAsync(Guid runId, DateTimeOffset until, CancellationToken ct)
    {
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            if (await db.ImportRuns.FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null && r.State == RunState.Paused && r.WaitsUntil == until, ct) is not { } run)
            {
                return;
            }

            run.State = RunState.Queued;
            run.PausedAt = null;
            run.WaitsUntil = null;
            new AuditLog(db, time).Record("system", "run.resumed", AuditTrail.RunSubject(run.Number), new PortalText(AuditTexts.ResumedAsSet, TeamClock.Stamp(until)));
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation("Run {RunId} starts sending: its window opened at {Until}", runId, until);
        await runJob.ExecuteAsync(runId, ct);
    }

    /// <summary>
    /// The run's window closes (<see cref="RunOptions.Window"/>): a run still at work is paused (in-flight requests
    /// finish and are recorded), its site put back once it stops, and it waits for the window to open again. One
    /// paused, cancelled or ended meanwhile is left as it is; so is one whose window is not closing (a copy of this
    /// job from an earlier start).
    /// </summary>
    public Task CloseAsync(Guid runId, DateTimeOffset at, CancellationToken ct) =>
        // Hangfire may start a scheduled job up to a second early.
        WaitForWindowAsync(runId, "run.window-closed", (run, window, now) => !window.Contains(now + TimeSpan.FromSeconds(2), TeamClock.Zone) || at - now <= TimeSpan.FromSeconds(2), ct);

    /// <summary>
    /// The moment the operator chose to send until, resuming the run by hand outside its window
    /// (<see cref="RunService.ResumeUntilAsync"/>): the run pauses and waits for its window, as at the window's close.
    /// Nothing when the run no longer sends until that moment (a command by hand since, or the window reached first).
    /// </summary>
    public Task SendUntilAsync(Guid runId, DateTimeOffset until, CancellationToken ct) =>
        WaitForWindowAsync(runId, "run.send-until-reached", (run, _, _) => run.SendsUntil == until, ct);

    // A run still at work pauses (in-flight requests finish and are recorded), its site is put back once it stops, and it
    // waits for its window to open; one paused, cancelled or ended meanwhile is left as it is, and so is one `due` refuses.
    private async Task WaitForWindowAsync(Guid runId, string action, Func<ImportRun, SendWindow, DateTimeOffset, bool> due, CancellationToken ct)
    {
        DateTimeOffset opens;
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            if (await db.ImportRuns.FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is not { } run
                || run.State is not (RunState.Queued or RunState.Planning or RunState.Running)
                || (StoredJson.Read<RunOptions>(run.OptionsJson) ?? new RunOptions()).Window is not { IsEmpty: false } window)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (!due(run, window, now))
            {
                return;
            }

            opens = window.NextOpen(now + TimeSpan.FromSeconds(2), TeamClock.Zone).ToUniversalTime();
            run.State = run.State == RunState.Running ? RunState.Pausing : run.State;
            run.WaitsUntil = opens;
            run.SendsNow = false;
            run.SendsUntil = null;
            new AuditLog(db, time).Record("system", action, AuditTrail.RunSubject(run.Number), new PortalText(AuditTexts.PausedForWindow, TeamClock.Stamp(opens)));
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation("Run {RunId} waits for its window ({Action}); it goes on at {Opens}", runId, action, opens);
        ScheduleOpen(jobs, runId, opens, time.GetUtcNow());
    }

    /// <summary>Schedules <see cref="OpenAsync"/> for <paramref name="opens"/> (at once when that has passed).</summary>
    public static void ScheduleOpen(IBackgroundJobClient jobs, Guid runId, DateTimeOffset opens, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var wait = opens - now;
        jobs.Schedule<SendWindowJob>(job => job.OpenAsync(runId, opens, CancellationToken.None), wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }
}
