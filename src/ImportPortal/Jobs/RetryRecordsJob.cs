using Hangfire;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Jobs;

/// <summary>
/// Hands chosen records (or every failed one) back to the loop as Pending, with the records that failed only
/// because of them and the finalise of each ticket a message of theirs goes to, and works the run again. Their
/// attempts stay in the record's history.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class RetryRecordsJob(IDbContextFactory<PortalDbContext> databases, RunImportJob runJob, TimeProvider time)
{
    public Task ExecuteAsync(Guid runId, IReadOnlyList<long>? recordIds, CancellationToken ct) =>
        RetryAsync(runId, db =>
        {
            var chosen = db.ImportRecords.Where(r => r.RunId == runId && (r.State == RecordState.Failed || r.State == RecordState.Skipped));
            if (recordIds is null)
            {
                return chosen.Where(r => r.State == RecordState.Failed);
            }

            // One JSON parameter, however many ids: SQLite takes at most 32,766 parameters in a statement.
            var ids = recordIds.ToList();
            return chosen.Where(r => EF.Parameter(ids).Contains(r.Id));
        }, ct);

    /// <summary>Retries the records that fail with <paramref name="cause"/> when the job runs (found as the error list finds them).</summary>
    public Task ExecuteCauseAsync(Guid runId, RecordCause cause, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return RetryAsync(runId, db => RunQueries.FailedOfCause(db, runId, cause), ct);
    }

    private async Task RetryAsync(Guid runId, Func<PortalDbContext, IQueryable<ImportRecord>> choose, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.ImportRuns.AnyAsync(r => r.Id == runId && r.DeletedAt == null, ct))
        {
            // Deleted since the retry was asked for: its records are going.
            return;
        }

        var now = time.GetUtcNow();
        await choose(db).ExecuteUpdateAsync(Reset(now), ct);

        // Whatever waited on a dependency checks it again; those still blocked fail again at once, without a request.
        await db.ImportRecords.Where(r => r.RunId == runId && r.State == RecordState.Failed && r.ErrorKind == RecordErrorKind.Dependency)
            .ExecuteUpdateAsync(Reset(now), ct);

        // A message sent after its ticket was finalised undoes the finalise: Helpdesk stamps the ticket's response times
        // with "now", and a customer's message reopens a closed ticket. The ticket's finalise runs again after it.
        var messagesOf = db.ImportRecords.Where(r => r.RunId == runId && r.Stage == RunStage.Conversations && r.State == RecordState.Pending && r.GroupKey != null)
            .Select(r => r.GroupKey);
        await db.ImportRecords.Where(r => r.RunId == runId && r.Stage == RunStage.Finalise && r.Entity == EntityKind.Ticket
                && (r.State == RecordState.Succeeded || r.State == RecordState.Skipped) && messagesOf.Contains(r.SourceKey))
            .ExecuteUpdateAsync(Reset(now), ct);

        var finished = new[] { RunState.Completed, RunState.CompletedWithErrors, RunState.Failed, RunState.Paused };
        await db.ImportRuns.Where(r => r.Id == runId && r.DeletedAt == null && finished.Contains(r.State))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Queued).SetProperty(r => r.FinishedAt, (DateTimeOffset?)null).SetProperty(r => r.PausedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.WaitsUntil, (DateTimeOffset?)null).SetProperty(r => r.SendsNow, true).SetProperty(r => r.SendsUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.Error, (string?)null).SetProperty(r => r.ErrorInPortal, false), ct);
        await runJob.ExecuteAsync(runId, ct);
    }

    private static Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ImportRecord>> Reset(DateTimeOffset now) => s => s
        .SetProperty(r => r.State, RecordState.Pending)
        .SetProperty(r => r.Result, RecordResult.None)
        .SetProperty(r => r.UpdatedAt, now);
}
