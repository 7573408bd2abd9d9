using ImportPortal.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Jobs;

/// <summary>
/// Removes a deleted run's records and their attempts, a few thousand per transaction so the portal's other writers
/// (a run next to it) wait for none of it long. Idempotent: Hangfire runs it again after a crash and it goes on where
/// it stopped. The id ledger is left alone: it is what keeps a later run from creating those documents again. The
/// pages the records held are then cut off the database file (<see cref="DatabaseSpace"/>).
/// </summary>
public sealed partial class DeleteRunRecordsJob(IDbContextFactory<PortalDbContext> databases, ILogger<DeleteRunRecordsJob> log)
{
    internal const int Chunk = 5_000;

    // The chunk's ids are read first and handed to both statements: the attempts and their records go together.
    private const string DeleteAttempts = "DELETE FROM RecordAttempts WHERE RecordId IN (SELECT value FROM json_each($ids))";

    private const string DeleteRecords = "DELETE FROM ImportRecords WHERE Id IN (SELECT value FROM json_each($ids))";

    public Task ExecuteAsync(Guid runId, CancellationToken ct) => ExecuteAsync(runId, Chunk, ct);

    internal async Task ExecuteAsync(Guid runId, int chunk, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.ImportRuns.AnyAsync(r => r.Id == runId && r.DeletedAt != null, ct))
        {
            return;
        }

        long removed = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Whichever of the run's records its index gives first: no sort, so each chunk costs the same to find.
            var ids = await db.ImportRecords.Where(r => r.RunId == runId).Select(r => r.Id).Take(chunk).ToListAsync(ct);
            if (ids.Count == 0)
            {
                break;
            }

            var json = System.Text.Json.JsonSerializer.Serialize(ids);
            await db.Database.ExecuteSqlRawAsync(DeleteAttempts, [new SqliteParameter("$ids", json)], ct);
            await db.Database.ExecuteSqlRawAsync(DeleteRecords, [new SqliteParameter("$ids", json)], ct);
            await transaction.CommitAsync(ct);
            removed += ids.Count;
        }

        var freed = await DatabaseSpace.ReclaimAsync(db, ct);
        LogRemoved(runId, removed, freed / 1_048_576.0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted run {RunId}: {Records} record(s) and their attempts removed, {Megabytes:F1} MB given back to the disk")]
    private partial void LogRemoved(Guid runId, long records, double megabytes);
}
