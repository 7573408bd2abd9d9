using ImportPortal.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Jobs;

/// <summary>
/// Removes a deleted run's records and their attempts, a few thousand per transaction so the portal's other writers
/// (a run next to it) wait for none of it long. Idempotent: Hangfire runs it again after a crash and it goes on where
/// it stopped. The id ledger is left alone: it is what keeps a later run from creating those documents again.
/// </summary>
public sealed partial class DeleteRunRecordsJob(IDbContextFactory<PortalDbContext> databases, ILogger<DeleteRunRecordsJob> log)
{
    internal const int Chunk = 5_000;

    // The same chunk for both statements: the lowest ids of the run, read from the (RunId, …) indexes.
    private const string DeleteAttempts =
        "DELETE FROM RecordAttempts WHERE RecordId IN (SELECT Id FROM ImportRecords WHERE RunId = $run ORDER BY Id LIMIT $chunk)";

    private const string DeleteRecords =
        "DELETE FROM ImportRecords WHERE Id IN (SELECT Id FROM ImportRecords WHERE RunId = $run ORDER BY Id LIMIT $chunk)";

    public Task ExecuteAsync(Guid runId, CancellationToken ct) => ExecuteAsync(runId, Chunk, ct);

    internal async Task ExecuteAsync(Guid runId, int chunk, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.ImportRuns.AnyAsync(r => r.Id == runId && r.DeletedAt != null, ct))
        {
            return;
        }

        // Guids as EF keeps them in SQLite: upper-case text.
        var run = runId.ToString().ToUpperInvariant();
        long removed = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync(DeleteAttempts, [new SqliteParameter("$run", run), new SqliteParameter("$chunk", chunk)], ct);
            var records = await db.Database.ExecuteSqlRawAsync(DeleteRecords, [new SqliteParameter("$run", run), new SqliteParameter("$chunk", chunk)], ct);
            await transaction.CommitAsync(ct);
            removed += records;
            if (records < chunk)
            {
                break;
            }
        }

        LogRemoved(runId, removed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted run {RunId}: {Records} record(s) and their attempts removed")]
    private partial void LogRemoved(Guid runId, long records);
}
