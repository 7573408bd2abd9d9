using Hangfire;
using ImportPortal.Runs;

namespace ImportPortal.Jobs;

/// <summary>Puts a finished run's site back when no run job will: after a cancel of a paused run, or a restore a crash interrupted.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed class RestoreSiteJob(SiteQuiet quiet)
{
    public Task ExecuteAsync(Guid runId, CancellationToken ct) => quiet.RestoreAsync(runId, "system", ct);
}
