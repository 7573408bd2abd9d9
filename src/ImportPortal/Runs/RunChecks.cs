using Hangfire;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>
/// Checking that the site still has what a run wrote: the run's counts are the portal's own word, and a site restored
/// from a backup taken during the migration, or a document deleted by hand, leaves ledger lines naming documents that
/// are gone. An import run again would find those lines and send nothing. A job (<see cref="CheckRunJob"/>) asks the
/// site for every document the run created, updated or found, a batch of names at a time, and marks the records whose
/// document is not there; the operator can then have them created again: their ledger lines are forgotten and they go
/// back to the run (with the finalise and assignment of a ticket created again), which looks each one up on the site
/// before it sends it, as always.
/// </summary>
public sealed class RunChecks(
    IDbContextFactory<PortalDbContext> databases,
    IBackgroundJobClient jobs,
    TimeProvider time)
{
    /// <summary>How many of the missing documents the dashboard lists.</summary>
    public const int LinesShown = 50;

    /// <summary>The stages whose records write documents of their own: the others change a ticket or an organisation those wrote.</summary>
    internal static readonly RunStage[] Stages = RunStages.All.Where(s => s is not (RunStage.Memberships or RunStage.Finalise or RunStage.Assignments)).ToArray();

    /// <summary>Asks for the check (again). Refused while a job works on the run, while its removal works, and for a dry run.</summary>
    public async Task<RunCommandResult> RequestAsync(string actor, Guid runId, CancellationToken ct)
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
            return RunCommandResult.Fail("Runs.CheckDryRun");
        }

        // What the last check marked stays until the job starts and clears it (it does so on a restart too); while
        // the check works, the dashboard shows no marks and a recreate is refused.
        run.CheckRequestedAt = now;
        run.CheckRequestedBy = actor;
        run.CheckFinishedAt = null;
        run.CheckError = null;
        run.CheckErrorText = null;
        run.CheckTotal = 0;
        run.CheckDone = 0;
        run.CheckMissing = 0;
        new AuditLog(db, time).Record(actor, "run.check", AuditTrail.RunSubject(run.Number), new PortalText(AuditTexts.Site, run.SiteName));
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<CheckRunJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        return RunCommandResult.Ok(runId);
    }

    /// <summary>
    /// Hands the documents the last check did not find back to the run: their ledger lines forgotten, their records
    /// pending again, with the finalise and assignment of each ticket among them (a ticket made again starts as a new
    /// one) and, when an organisation or a contact is among them, the memberships (they add only the rows missing).
    /// The run then works them as a retry does.
    /// </summary>
    public async Task<RunCommandResult> RecreateAsync(string actor, Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var (run, refusal) = await EndedRuns.LoadIdleAsync(db, runId, now, ct);
        if (run is null)
        {
            return refusal!;
        }

        if (run.State is RunState.Cancelled or RunState.Cancelling)
        {
            return RunCommandResult.Fail("Runs.CannotRetryCancelled");
        }

        var missing = await db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId && r.MissingSince != null)
            .Select(r => new { r.Id, r.Entity, r.Doctype, r.SourceKey, r.FrappeName, r.Detached }).ToListAsync(ct);
        if (missing.Count == 0)
        {
            return RunCommandResult.Fail("Runs.NothingMissing");
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // A detached message's ledger line goes too: the copy left behind is deleted before the message is sent again.
            await EfIdLedger.ForgetAsync(db, run.SiteId, missing.Where(m => m.FrappeName is not null).Select(m => (m.Doctype, m.SourceKey, m.FrappeName!)), ct);
            await db.ImportRecords.Where(r => r.RunId == runId && r.MissingSince != null).ExecuteUpdateAsync(Pending(now), ct);

            var tickets = missing.Where(m => m.Entity == EntityKind.Ticket).Select(m => m.SourceKey).ToList();
            foreach (var chunk in tickets.Chunk(500))
            {
                await db.ImportRecords.Where(r => r.RunId == runId && (r.Stage == RunStage.Finalise || r.Stage == RunStage.Assignments)
                        && r.Entity == EntityKind.Ticket && chunk.Contains(r.SourceKey) && r.State != RecordState.Pending)
                    .ExecuteUpdateAsync(Pending(now), ct);
            }

            if (missing.Any(m => m.Entity is EntityKind.Organisation or EntityKind.Contact))
            {
                await db.ImportRecords.Where(r => r.RunId == runId && r.Stage == RunStage.Memberships && r.State != RecordState.Pending)
                    .ExecuteUpdateAsync(Pending(now), ct);
            }

            new AuditLog(db, time).Record(actor, "run.check.recreate", AuditTrail.RunSubject(run.Number),
                new PortalText(AuditTexts.Recreated, missing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", missing.Take(20).Select(m => $"{m.Doctype} {m.FrappeName}"))));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        // The job deletes the detached copies, then works the pending records (and whatever waited on them) as a retry does.
        var detached = missing.Where(m => m.Detached && m.FrappeName is not null).Select(m => m.FrappeName!).ToList();
        jobs.Enqueue<RecreateMissingJob>(job => job.ExecuteAsync(runId, detached, CancellationToken.None));
        return RunCommandResult.Ok(runId);
    }

    private static Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ImportRecord>> Pending(DateTimeOffset now) => s => s
        .SetProperty(r => r.State, RecordState.Pending)
        .SetProperty(r => r.Result, RecordResult.None)
        .SetProperty(r => r.FrappeName, r => r.Stage == RunStage.Finalise || r.Stage == RunStage.Assignments || r.Stage == RunStage.Memberships ? r.FrappeName : null)
        .SetProperty(r => r.MissingSince, (DateTimeOffset?)null)
        .SetProperty(r => r.Detached, false)
        .SetProperty(r => r.UpdatedAt, now);

    /// <summary>How the run's check stands, as its job and the dashboard both read it from the run's row.</summary>
    internal static Task<RunCheckProgress> ProgressAsync(PortalDbContext db, Guid runId, CancellationToken ct) =>
        db.ImportRuns.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new RunCheckProgress(r.Id, r.CheckTotal, r.CheckDone, r.CheckMissing, r.CheckFinishedAt != null, r.CheckError))
            .FirstAsync(ct);

    public async Task<RunCheckView?> GetAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId && r.DeletedAt == null)
            .Select(r => new { r.CheckRequestedAt, r.CheckRequestedBy, r.CheckFinishedAt, r.CheckError, r.CheckErrorText }).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            return null;
        }

        var missing = db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId && r.MissingSince != null);
        var byDoctype = await missing.GroupBy(r => r.Doctype).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var lines = await missing.OrderBy(r => r.Id).Take(LinesShown)
            .Select(r => new MissingLine(r.Id, r.Entity, r.Doctype, r.SourceKey, r.FrappeName, r.Table, r.Row, r.Detached)).ToListAsync(ct);
        return new RunCheckView(
            run.CheckRequestedAt, run.CheckRequestedBy, run.CheckFinishedAt, run.CheckError, await ProgressAsync(db, runId, ct),
            byDoctype.OrderByDescending(d => d.Count).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, d.Count)).ToList(),
            lines,
            run.CheckErrorText);
    }
}
