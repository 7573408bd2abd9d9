using Hangfire;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using Microsoft.Extensions.Options;

namespace ImportPortal.Jobs;

/// <summary>Puts a run's site back when no run job will: after a cancel of a paused run, a restore a crash interrupted, or a long pause.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed class RestoreSiteJob(SiteQuiet quiet, IBackgroundJobClient jobs, IOptions<RunsOptions> options, TimeProvider time)
{
    /// <summary>
    /// After a cancel of a paused run, or at start-up for a restore a crash interrupted: under the run's lease like every
    /// restore of a stopped run, so it never runs beside the long-pause one; a run still held (a job ending, the old
    /// process's lease not lapsed yet) is looked at again once the lease could have lapsed.
    /// </summary>
    public async Task ExecuteAsync(Guid runId, CancellationToken ct)
    {
        if (await quiet.ReadAsync(runId, ct) is not { Pending: true })
        {
            return;
        }

        if (await quiet.RestoreStoppedAsync(runId, "system", null, null, ct) is null)
        {
            jobs.Schedule<RestoreSiteJob>(job => job.ExecuteAsync(runId, CancellationToken.None), options.Value.LeaseDuration);
        }
    }

    /// <summary>
    /// Enqueued when a quiet run's window closed and it paused: its site is put back while it waits for the window to
    /// open again (going on then silences it again). A run resumed or cancelled meanwhile is left to what it does now.
    /// </summary>
    public async Task AfterWindowAsync(Guid runId, CancellationToken ct) =>
        await quiet.RestoreStoppedAsync(runId, "system",
            run => run is { State: RunState.Paused, WaitsUntil: not null },
            new PortalText(AuditTexts.WindowClosed),
            ct);

    /// <summary>
    /// Scheduled when a quiet run pauses: once it has stayed paused for <see cref="RunsOptions.QuietPauseLimit"/>, its
    /// site is put back while the run stays paused (resuming silences it again). A run resumed or cancelled meanwhile
    /// is left to what it does now. A pause not due yet — Hangfire keeps schedules to the second, so a job can start up
    /// to a second early, and a run paused again since has a later pause — is looked at again when it is due.
    /// </summary>
    public async Task AfterPauseAsync(Guid runId, CancellationToken ct)
    {
        var limit = options.Value.QuietPauseLimit;
        TimeSpan? notYet = null;
        await quiet.RestoreStoppedAsync(runId, "system",
            run =>
            {
                if (run is not { State: RunState.Paused, PausedAt: { } pausedAt })
                {
                    return false;
                }

                var left = pausedAt + limit - time.GetUtcNow();
                notYet = left > TimeSpan.Zero ? left : null;
                return notYet is null;
            },
            new PortalText(AuditTexts.PausedTooLong, limit.ToString("c", System.Globalization.CultureInfo.InvariantCulture)),
            ct);
        if (notYet is { } wait)
        {
            jobs.Schedule<RestoreSiteJob>(job => job.AfterPauseAsync(runId, CancellationToken.None), wait + TimeSpan.FromSeconds(1));
        }
    }
}
