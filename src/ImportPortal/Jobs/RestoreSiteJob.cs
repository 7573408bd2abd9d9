using Hangfire;
using ImportPortal.Runs;
using Microsoft.Extensions.Options;

namespace ImportPortal.Jobs;

/// <summary>Puts a run's site back when no run job will: after a cancel of a paused run, a restore a crash interrupted, or a long pause.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed class RestoreSiteJob(SiteQuiet quiet, IOptions<RunsOptions> options, TimeProvider time)
{
    public Task ExecuteAsync(Guid runId, CancellationToken ct) => quiet.RestoreAsync(runId, "system", ct);

    /// <summary>
    /// Scheduled when a quiet run pauses: once it has stayed paused for <see cref="RunsOptions.QuietPauseLimit"/>, its
    /// site is put back while the run stays paused (resuming silences it again). A run resumed meanwhile, paused
    /// again later (that pause has its own job) or cancelled is left to what it does now.
    /// </summary>
    public Task AfterPauseAsync(Guid runId, CancellationToken ct)
    {
        var limit = options.Value.QuietPauseLimit;
        // Hangfire starts a scheduled job at its time or later, and the pause was stamped before it was scheduled.
        return quiet.RestoreStoppedAsync(runId, "system",
            run => run is { State: RunState.Paused, PausedAt: { } pausedAt } && pausedAt + limit <= time.GetUtcNow(),
            $"paused for longer than {limit}: the helpdesk is not kept silent any longer; resuming the run silences it again",
            ct);
    }
}
