using Hangfire;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>
/// At start-up, hands every run that was being worked on when the portal stopped back to a run job. The job's
/// lease keeps a run to one job: if the old process still held it, the job waits until that lease lapses. A finished
/// run whose site was being put back gets that finished.
/// </summary>
public sealed class RunRecovery(IDbContextFactory<PortalDbContext> databases, SiteQuiet quiet, IBackgroundJobClient jobs, ILogger<RunRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var active = new[] { RunState.Queued, RunState.Planning, RunState.Running, RunState.Pausing, RunState.Cancelling };
        var runs = await db.ImportRuns.AsNoTracking().Where(r => active.Contains(r.State)).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in runs)
        {
            logger.LogInformation("Resuming run {RunId} after a restart", runId);
            jobs.Enqueue<RunImportJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        }

        // A run that ended while putting its site back: finish putting it back.
        foreach (var runId in await quiet.InterruptedRestoresAsync(cancellationToken))
        {
            logger.LogInformation("Finishing the restore of run {RunId}'s site after a restart", runId);
            jobs.Enqueue<RestoreSiteJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
