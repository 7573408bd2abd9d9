using Hangfire;
using Hangfire.States;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Runs;

/// <summary>
/// Every <see cref="RunsOptions.WatchdogInterval"/>, hands a run that is active but that no job has held for a whole
/// lease to a new run job: a job that could not even write the run's end (the portal's database refusing every write),
/// one that failed before taking its lease, or one lost with Hangfire's store. Without this such a run showed
/// "Running" until the portal restarted, its helpdesk kept quiet meanwhile. A run is handed over when seen so in two
/// looks in a row, and never while a run job for it waits in Hangfire's queue or schedule: a job queued behind busy
/// workers is left to start, rather than joined by another every two looks (the lease would keep a run to one job
/// either way, but each extra job is noise in the jobs dashboard).
/// </summary>
public sealed partial class RunWatchdog(
    IDbContextFactory<PortalDbContext> databases,
    IBackgroundJobClient jobs,
    JobStorage storage,
    IOptions<RunsOptions> options,
    TimeProvider time,
    ILogger<RunWatchdog> logger) : BackgroundService
{
    private static readonly RunState[] Active = [RunState.Queued, RunState.Planning, RunState.Running, RunState.Pausing, RunState.Cancelling];

    private HashSet<Guid> _stalledAtLastLook = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.WatchdogInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.WatchdogInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReviveStalledAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database the look needs may be what failed: the next look tries again.
                LogLookFailed(logger, ex);
            }
        }
    }

    /// <summary>One look: the runs handed to a new job (those found without a job at this look and the one before).</summary>
    public async Task<IReadOnlyList<Guid>> ReviveStalledAsync(CancellationToken ct)
    {
        var lapsed = time.GetUtcNow() - options.Value.LeaseDuration;
        await using var db = await databases.CreateDbContextAsync(ct);
        var stalled = await db.ImportRuns.AsNoTracking()
            .Where(r => r.DeletedAt == null && Active.Contains(r.State) && (r.LeaseUntil == null || r.LeaseUntil < lapsed))
            .Select(r => new { r.Id, r.Number, r.LeaseUntil })
            .ToListAsync(ct);
        var revived = new List<Guid>();
        var waiting = stalled.Any(r => _stalledAtLastLook.Contains(r.Id)) ? WaitingRuns() : [];
        foreach (var run in stalled.Where(r => _stalledAtLastLook.Contains(r.Id) && !waiting.Contains(r.Id)))
        {
            LogRevived(logger, run.Number, run.LeaseUntil);
            jobs.Enqueue<RunImportJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None));
            revived.Add(run.Id);
        }

        // A run just handed over is given two looks to be taken before it is handed over again.
        _stalledAtLastLook = stalled.Select(r => r.Id).Except(revived).ToHashSet();
        return revived;
    }

    /// <summary>The runs a run job waits for in Hangfire's storage: enqueued (behind busy workers) or scheduled (a job that found the lease taken).</summary>
    private HashSet<Guid> WaitingRuns()
    {
        const int MostJobs = 1000;
        var monitoring = storage.GetMonitoringApi();
        var waiting = monitoring.Queues()
            // By the state's name: Hangfire.Storage.SQLite says a deleted job still in the queue is "in enqueued state".
            .SelectMany(q => monitoring.EnqueuedJobs(q.Name, 0, MostJobs).Where(j => j.Value?.State == EnqueuedState.StateName).Select(j => j.Value.Job))
            .Concat(monitoring.ScheduledJobs(0, MostJobs).Where(j => j.Value?.InScheduledState == true).Select(j => j.Value.Job));
        return [.. waiting.Where(job => job?.Type == typeof(RunImportJob) && job.Args.Count > 0 && job.Args[0] is Guid).Select(job => (Guid)job!.Args[0])];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run #{Number} had no job working on it (its last lease ran to {LeaseUntil}): handed to a new run job")]
    private static partial void LogRevived(ILogger logger, int number, DateTimeOffset? leaseUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run watchdog could not look at the runs; it looks again at its next turn")]
    private static partial void LogLookFailed(ILogger logger, Exception error);
}
