using Hangfire;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Jobs;

/// <summary>
/// Starts the sending of a run planned to send from a set moment (<see cref="RunOptions.SendFrom"/>), scheduled by the
/// run's job when it paused the run to wait. It does nothing when the run no longer waits for that moment: resumed,
/// paused again or cancelled by hand since, or started by another copy of this job (a restart schedules it again).
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class SendFromJob(IDbContextFactory<PortalDbContext> databases, RunImportJob runJob, TimeProvider time, ILogger<SendFromJob> logger)
{
    public async Task ExecuteAsync(Guid runId, DateTimeOffset until, CancellationToken ct)
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
            new AuditLog(db, time).Record("system", "run.resumed", $"run {run.Number}", $"sending from {until:u}, as set when it started");
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation("Run {RunId} starts sending: its window opened at {Until}", runId, until);
        await runJob.ExecuteAsync(runId, ct);
    }
}
