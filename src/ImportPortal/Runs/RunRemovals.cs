using Hangfire;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>
/// Taking a run back off its site: after a trial migration, or one made with the wrong profile, the documents the run
/// created are deleted from the site by a job (<see cref="RemoveRunJob"/>), and their ledger lines with them, so the
/// same uploads can be imported again once the profile is right. Documents the run adopted or only updated, and any
/// a person changed since, stay.
/// </summary>
public sealed class RunRemovals(
    IDbContextFactory<PortalDbContext> databases,
    SiteQuiet quiet,
    IBackgroundJobClient jobs,
    TimeProvider time)
{
    /// <summary>How many of the documents a removal left on the site the dashboard lists.</summary>
    public const int LinesShown = 50;

    /// <summary>
    /// Asks for the run's created documents to be removed (again, for those kept or failed the last time). Refused while a
    /// job works on the run or on another run of the same site, while its site is not put back, for a dry run (it created
    /// nothing), and when nothing it created is left.
    /// </summary>
    public async Task<RunCommandResult> RequestAsync(string actor, Guid runId, bool includeChanged, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var (run, refusal) = await EndedRuns.LoadIdleAsync(db, runId, now, ct);
        if (run is null)
        {
            return refusal!;
        }

        if ((StoredJson.Read<RunOptions>(run.OptionsJson) ?? new RunOptions()).DryRun)
        {
            return RunCommandResult.Fail("Runs.RemovalDryRun");
        }

        if (await quiet.ReadAsync(runId, ct) is { Pending: true })
        {
            return RunCommandResult.Fail("Runs.RemovalQuietPending");
        }

        // Another run on the site could adopt a document while it is being deleted, or send a message to a ticket that goes.
        var active = RunStates.Stopped;
        if (await db.ImportRuns.AnyAsync(r => r.SiteId == run.SiteId && r.Id != runId && r.DeletedAt == null && !active.Contains(r.State), ct))
        {
            return RunCommandResult.Fail("Runs.RemovalSiteBusy", run.SiteName);
        }

        var left = await CreatedAsync(db, runId, ct) - run.RemovalRemoved;
        if (left <= 0)
        {
            return RunCommandResult.Fail("Runs.NothingToRemove");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (run.RemovalRequestedAt is null)
        {
            run.RemovalTotal = left;
        }
        else
        {
            // Asked again: what was kept or failed is looked at afresh; what is gone stays counted as gone.
            await db.ImportRecords.Where(r => r.RunId == runId && (r.Removal == RemovalOutcome.Kept || r.Removal == RemovalOutcome.Failed))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Removal, (RemovalOutcome?)null).SetProperty(r => r.RemovalReason, (RemovalReason?)null).SetProperty(r => r.RemovalNote, (string?)null), ct);
            run.RemovalKept = 0;
            run.RemovalFailed = 0;
        }

        run.RemovalRequestedAt = now;
        run.RemovalRequestedBy = actor;
        run.RemovalIncludesChanged = includeChanged;
        run.RemovalFinishedAt = null;
        run.RemovalError = null;
        run.RemovalErrorText = null;
        new AuditLog(db, time).Record(actor, "run.removal", AuditTrail.RunSubject(run.Number), new PortalText(includeChanged ? AuditTexts.RemovalWithChanged : AuditTexts.Removal, run.SiteName, left.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        jobs.Enqueue<RemoveRunJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        return RunCommandResult.Ok(runId);
    }

    /// <summary>
    /// The documents the run created, counted from the index the dashboard's counts come from (a migration's run holds
    /// hundreds of thousands of records): those a removal deleted are counted on the run itself.
    /// </summary>
    private static Task<long> CreatedAsync(PortalDbContext db, Guid runId, CancellationToken ct) => Created(db, runId).LongCountAsync(ct);

    internal static IQueryable<ImportRecord> Created(PortalDbContext db, Guid runId) =>
        db.ImportRecords.Where(r => r.RunId == runId && r.State == RecordState.Succeeded && r.Result == RecordResult.Created);

    /// <summary>The documents a removal would delete now, by doctype, for the question asked before it: read from the records, once.</summary>
    public async Task<IReadOnlyList<(string Doctype, long Count)>> ByDoctypeAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var counts = await db.ImportRecords
            .Where(r => r.RunId == runId && r.State == RecordState.Succeeded && r.Result == RecordResult.Created && (r.Removal == null || r.Removal != RemovalOutcome.Removed))
            .GroupBy(r => r.Doctype).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        return counts.OrderByDescending(d => d.Count).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, d.Count)).ToList();
    }

    /// <summary>How the run's removal stands, as its job and the dashboard both read it from the run's row.</summary>
    internal static Task<RunRemovalProgress> ProgressAsync(PortalDbContext db, Guid runId, CancellationToken ct) =>
        db.ImportRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new RunRemovalProgress(r.Id, r.RemovalTotal, r.RemovalRemoved, r.RemovalKept, r.RemovalFailed, r.RemovalFinishedAt != null, r.RemovalError))
            .FirstAsync(ct);

    public async Task<RunRemovalView?> GetAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId && r.DeletedAt == null).Select(r => new
        {
            r.RemovalRequestedAt, r.RemovalRequestedBy, r.RemovalIncludesChanged, r.RemovalFinishedAt, r.RemovalError, r.RemovalErrorText, r.RemovalRemoved,
        }).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return null;
        }

        var creatable = await CreatedAsync(db, runId, ct) - run.RemovalRemoved;
        var left = run.RemovalRequestedAt is null
            ? []
            : await db.ImportRecords.AsNoTracking()
                .Where(r => r.RunId == runId && (r.Removal == RemovalOutcome.Kept || r.Removal == RemovalOutcome.Failed))
                .OrderBy(r => r.Id).Take(LinesShown)
                .Select(r => new RemovalLine(r.Id, r.Entity, r.Doctype, r.SourceKey, r.FrappeName, r.Removal!.Value, r.RemovalReason, r.RemovalNote))
                .ToListAsync(ct);
        var progress = await ProgressAsync(db, runId, ct);
        return new RunRemovalView(
            Math.Max(0, creatable), run.RemovalRequestedAt, run.RemovalRequestedBy, run.RemovalIncludesChanged, run.RemovalFinishedAt, run.RemovalError,
            progress, left, run.RemovalErrorText);
    }
}
