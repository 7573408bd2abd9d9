using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>
/// Which job works on a run: taken with one conditional UPDATE (free, lapsed, or already ours), renewed by the
/// heartbeat, released at the end. A process that dies keeps its lease only until it lapses.
/// </summary>
public sealed class RunLease(IDbContextFactory<PortalDbContext> databases, Guid runId, Guid owner, TimeSpan duration, TimeProvider time)
{
    public async Task<LeaseResult> TryTakeAsync(CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var until = now + duration;
        var stopped = RunStates.Stopped;
        var taken = await db.ImportRuns
            .Where(r => r.Id == runId && !stopped.Contains(r.State) && (r.LeaseOwner == null || r.LeaseUntil == null || r.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseUntil, until), ct);
        if (taken == 1)
        {
            return new LeaseResult.Taken();
        }

        var run = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.State, r.LeaseUntil }).FirstOrDefaultAsync(ct);
        return run is null || !run.State.IsActive() ? new LeaseResult.Finished() : new LeaseResult.HeldUntil(run.LeaseUntil ?? now);
    }

    /// <summary>
    /// Takes the lease of a run no job works on (paused or ended), for work on it while it stays that way: a resume or
    /// retry meanwhile finds the lease held and its job looks again when it is released or lapses.
    /// </summary>
    public async Task<bool> TryTakeStoppedAsync(CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var stopped = RunStates.Stopped;
        _renewedAt = now;
        return await db.ImportRuns
            .Where(r => r.Id == runId && stopped.Contains(r.State) && (r.LeaseOwner == null || r.LeaseUntil == null || r.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseUntil, now + duration), ct) == 1;
    }

    private DateTimeOffset _renewedAt;

    /// <summary>Renews the lease once a third of it has gone since it was taken or last renewed here: for a job that calls it between batches.</summary>
    public async Task KeepAsync(CancellationToken ct)
    {
        if (time.GetUtcNow() - _renewedAt > duration / 3)
        {
            await RenewAsync(ct);
            _renewedAt = time.GetUtcNow();
        }
    }

    /// <summary>
    /// Does a job's work on a run no job works on (taking it back off its site, checking it on the site) while holding its
    /// lease, so a resume or retry waits for it. When the lease is held (a crashed job's not lapsed yet, a retry at work),
    /// the job is handed to <paramref name="again"/> (scheduled for when the lease may have lapsed) if it is still asked for.
    /// </summary>
    public async Task HoldStoppedAsync(Func<Task<bool>> stillAsked, Action again, Func<Task> work, CancellationToken ct)
    {
        if (!await TryTakeStoppedAsync(ct))
        {
            if (await stillAsked())
            {
                again();
            }

            return;
        }

        try
        {
            await work();
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    /// <summary>Extends the lease and returns the run's state as the operator left it (null when the run is gone).</summary>
    public async Task<RunState?> RenewAsync(CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var until = time.GetUtcNow() + duration;
        await db.ImportRuns.Where(r => r.Id == runId && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, until), ct);
        return await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => (RunState?)r.State).FirstOrDefaultAsync(ct);
    }

    public async Task ReleaseAsync()
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        await db.ImportRuns.Where(r => r.Id == runId && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (Guid?)null).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null));
    }
}

/// <summary>What trying to take a run's lease gave.</summary>
public abstract record LeaseResult
{
    public sealed record Taken : LeaseResult;

    public sealed record Finished : LeaseResult;

    public sealed record HeldUntil(DateTimeOffset Until) : LeaseResult;
}
