using Hangfire;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using ImportPortal.Domain.Quiet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Runs;

/// <summary>
/// At start-up, hands every run that was being worked on when the portal stopped back to a run job. The job's
/// lease keeps a run to one job: if the old process still held it, the job waits until that lease lapses. A finished
/// run whose site was being put back gets that finished, and a paused run that keeps its site quiet gets its
/// put-back after <see cref="RunsOptions.QuietPauseLimit"/> scheduled again. A deleted run that still has records gets
/// them removed, and a run being taken back off its site gets that finished.
/// </summary>
public sealed class RunRecovery(
    IDbContextFactory<PortalDbContext> databases,
    SiteQuiet quiet,
    IBackgroundJobClient jobs,
    IOptions<RunsOptions> options,
    TimeProvider time,
    ILogger<RunRecovery> logger) : IHostedService
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

        // A deleted run whose records were not all removed (the job lost with its store, or a crash before it was queued).
        var deleted = await db.ImportRuns.AsNoTracking()
            .Where(r => r.DeletedAt != null && db.ImportRecords.Any(x => x.RunId == r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in deleted)
        {
            logger.LogInformation("Removing the records of deleted run {RunId} after a restart", runId);
            jobs.Enqueue<DeleteRunRecordsJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        }

        // A removal the portal stopped in the middle of: its job goes on where the last one stopped.
        var removing = await db.ImportRuns.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.RemovalRequestedAt != null && r.RemovalFinishedAt == null).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in removing)
        {
            logger.LogInformation("Going on taking run {RunId} back off its site after a restart", runId);
            jobs.Enqueue<RemoveRunJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        }

        // A check of the site the portal stopped in the middle of: it starts again (it only reads).
        var checking = await db.ImportRuns.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.CheckRequestedAt != null && r.CheckFinishedAt == null).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in checking)
        {
            logger.LogInformation("Checking the site of run {RunId} again after a restart", runId);
            jobs.Enqueue<CheckRunJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        }

        await ReschedulePausedRestoresAsync(db, cancellationToken);

        // A run waiting for the moment it sends from: its scheduled start lives in the job store, which can be lost.
        var waiting = await db.ImportRuns.AsNoTracking().Where(r => r.DeletedAt == null && r.State == RunState.Paused && r.WaitsUntil != null)
            .Select(r => new { r.Id, r.WaitsUntil }).ToListAsync(cancellationToken);
        foreach (var run in waiting)
        {
            logger.LogInformation("Run {RunId} waits to send from {Until}: its start scheduled again", run.Id, run.WaitsUntil);
            SendWindowJob.ScheduleOpen(jobs, run.Id, run.WaitsUntil!.Value, time.GetUtcNow());
        }
    }

    /// <summary>
    /// The scheduled put-back of a paused quiet run lives in the job store, which can be lost (deleted with its file) or
    /// predate the run (paused by a portal without the limit): scheduled again here; a second one finds nothing to do.
    /// A pause of unknown time is stamped now and gets the whole limit.
    /// </summary>
    private async Task ReschedulePausedRestoresAsync(PortalDbContext db, CancellationToken ct)
    {
        var limit = options.Value.QuietPauseLimit;
        if (limit <= TimeSpan.Zero)
        {
            return;
        }

        var paused = await db.ImportRuns.Where(r => r.State == RunState.Paused && r.QuietJson != null).ToListAsync(ct);
        foreach (var run in paused.Where(r => StoredJson.Read<SiteQuietState>(r.QuietJson) is { Pending: true }))
        {
            run.PausedAt ??= time.GetUtcNow();
            var left = run.PausedAt.Value + limit - time.GetUtcNow();
            logger.LogInformation("Run {RunId} is paused with its site quiet: putting the site back in {Left}", run.Id, left);
            jobs.Schedule<RestoreSiteJob>(job => job.AfterPauseAsync(run.Id, CancellationToken.None), left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        await db.SaveChangesAsync(ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
