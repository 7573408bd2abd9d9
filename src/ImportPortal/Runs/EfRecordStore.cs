using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ImportPortal.Runs;

/// <summary>The records of one run in the portal's database; outcomes and their ledger lines are written in one transaction per batch.</summary>
public sealed class EfRecordStore(IDbContextFactory<PortalDbContext> databases, Guid runId, Guid siteId, TimeProvider time) : IRecordStore
{
    private static readonly DateTimeOffsetToBinaryConverter BinaryTime = new();

    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(RunStage stage, int max, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var open = db.ImportRecords.Where(r => r.RunId == runId && r.Stage == stage && (r.State == RecordState.Pending || r.State == RecordState.Unknown));
        List<ImportRecord> records;
        if (stage == RunStage.Conversations)
        {
            // Whole tickets: their messages go in order, by one worker.
            var groups = await open.Select(r => r.GroupKey).Distinct().OrderBy(g => g).Take(Math.Max(1, max / 4)).ToListAsync(ct);
            records = await open.Where(r => groups.Contains(r.GroupKey)).OrderBy(r => r.GroupKey).ThenBy(r => r.Sequence).ToListAsync(ct);
        }
        else
        {
            records = await open.OrderBy(r => r.Id).Take(max).ToListAsync(ct);
        }

        if (records.Count == 0)
        {
            return [];
        }

        var ids = records.Select(r => r.Id).ToList();
        var now = time.GetUtcNow();
        await db.ImportRecords.Where(r => ids.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecordState.InFlight).SetProperty(r => r.UpdatedAt, now), ct);
        return records.Select(r => new WorkItem(
            r.Id, r.Stage, r.Entity, r.Doctype, r.SourceKey, r.GroupKey, r.Sequence,
            RecordPayloadJson.Read(r.PayloadJson, r.OverrideJson), r.ExternalIdField, r.State == RecordState.Unknown, r.Attempts)).ToList();
    }

    public async Task SaveAsync(IReadOnlyList<RecordOutcome> outcomes, IReadOnlyList<LedgerEntry> ledger, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var byId = outcomes.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.Last());
        var ids = byId.Keys.ToList();
        var records = await db.ImportRecords.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var now = time.GetUtcNow();
        var stamp = (long)BinaryTime.ConvertToProvider(now)!;
        // Raw SQL gets no type mapping: Guids as EF keeps them in SQLite (upper-case text).
        var site = siteId.ToString().ToUpperInvariant();
        var run = runId.ToString().ToUpperInvariant();
        foreach (var record in records)
        {
            Apply(record, byId[record.Id], now);
            foreach (var attempt in byId[record.Id].Attempts)
            {
                db.RecordAttempts.Add(new RecordAttempt
                {
                    RecordId = record.Id,
                    At = attempt.At,
                    Request = Clip(attempt.Request, 400)!,
                    DurationMs = (int)Math.Min(int.MaxValue, attempt.Duration.TotalMilliseconds),
                    Outcome = attempt.Outcome,
                    HttpStatus = attempt.HttpStatus,
                    ExcType = attempt.ExcType,
                    Message = Clip(attempt.Message, 2000),
                });
            }
        }

        await db.SaveChangesAsync(ct);
        foreach (var chunk in ledger.Chunk(200))
        {
            // A line that is already there (another run, or a concurrent one) stays as it is: first writer wins.
            var values = new List<string>(chunk.Length);
            var parameters = new List<object>(chunk.Length * 4 + 3) { site, run, stamp };
            foreach (var entry in chunk)
            {
                var p = parameters.Count;
                values.Add($"({{0}}, {{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{1}}, {{2}})");
                parameters.AddRange([entry.Doctype, entry.SourceKey, entry.FrappeName, entry.Created ? 1 : 0]);
            }

            // Only placeholders are concatenated; every value travels as a parameter.
#pragma warning disable EF1003
            await db.Database.ExecuteSqlRawAsync(
                "INSERT OR IGNORE INTO IdMap (SiteId, Doctype, SourceKey, FrappeName, Created, FirstRunId, CreatedAt) VALUES " + string.Join(", ", values),
                parameters, ct);
#pragma warning restore EF1003
        }

        await transaction.CommitAsync(ct);
    }

    public async Task<RecordError?> FailureOfAsync(EntityKind entity, string sourceKey, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var record = await db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && r.Entity == entity && r.SourceKey == sourceKey && r.Stage != RunStage.Finalise)
            .Select(r => new { r.State, r.ErrorKind, r.ErrorMessage })
            .FirstOrDefaultAsync(ct);
        return record switch
        {
            null => null,
            { State: RecordState.Failed } => new RecordError(record.ErrorKind ?? RecordErrorKind.Server, record.ErrorMessage ?? "failed"),
            { State: RecordState.Skipped } => new RecordError(RecordErrorKind.Dependency, "skipped"),
            _ => new RecordError(RecordErrorKind.Dependency, "not imported yet"),
        };
    }

    private static void Apply(ImportRecord record, RecordOutcome outcome, DateTimeOffset now)
    {
        record.State = outcome.State;
        record.Result = outcome.Result;
        record.UpdatedAt = now;
        record.Attempts += outcome.Attempts.Count(a => a.Request.StartsWith("POST", StringComparison.Ordinal) || a.Request.StartsWith("PUT", StringComparison.Ordinal));
        record.FrappeName = outcome.FrappeName ?? record.FrappeName;
        if (outcome.SentBody is not null)
        {
            record.SentJson = outcome.SentBody.ToJsonString();
        }

        record.ErrorKind = outcome.Error?.Kind;
        record.ErrorMessage = Clip(outcome.Error?.Message, 4000);
        record.ErrorStatus = outcome.Error?.HttpStatus;
        record.ErrorExcType = outcome.Error?.ExcType;
    }

    private static string? Clip(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;
}
