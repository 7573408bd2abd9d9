using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>A run that has ended and that no job holds, loaded (tracked) for a command that changes it; or why it cannot be.</summary>
internal static class EndedRuns
{
    public static async Task<(ImportRun? Run, RunCommandResult? Refusal)> LoadAsync(PortalDbContext db, Guid runId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.ImportRuns.FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is not { } run)
        {
            return (null, RunCommandResult.Fail("Runs.NotFound"));
        }

        return !run.State.IsFinished() || run.LeaseUntil > now ? (null, RunCommandResult.Fail("Runs.NotNow", run.State.ToString())) : (run, null);
    }

    /// <summary>The same, and refused while a removal or a check of the site is asked for and its job has not ended it.</summary>
    public static async Task<(ImportRun? Run, RunCommandResult? Refusal)> LoadIdleAsync(PortalDbContext db, Guid runId, DateTimeOffset now, CancellationToken ct)
    {
        var (run, refusal) = await LoadAsync(db, runId, now, ct);
        return run switch
        {
            null => (null, refusal),
            { RemovalUnderWay: true } => (null, RunCommandResult.Fail("Runs.RemovalRunning")),
            { CheckUnderWay: true } => (null, RunCommandResult.Fail("Runs.CheckRunning")),
            _ => (run, null),
        };
    }

    /// <summary>The first and last id of a run's records: the bounds a job walking them by key (a removal, a check) reads once.</summary>
    public static async Task<(long First, long Last)> RecordIdRangeAsync(IDbContextFactory<PortalDbContext> databases, Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var ids = db.ImportRecords.Where(r => r.RunId == runId).Select(r => (long?)r.Id);
        return (await ids.MinAsync(ct) ?? 0, await ids.MaxAsync(ct) ?? -1);
    }
}
