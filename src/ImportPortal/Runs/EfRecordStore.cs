using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace ImportPortal.Runs;

/// <summary>The records of one run in the portal's database; outcomes and their ledger lines are written in one transaction per batch.</summary>
public sealed class EfRecordStore(IDbContextFactory<PortalDbContext> databases, Guid runId, Guid siteId, TimeProvider time) : IRecordStore, IDisposable
{
    // Guids as EF keeps them in SQLite: upper-case text; made once, not for every record written.
    private readonly string _runText = JsonRows.Key(runId);

    private readonly string _siteText = JsonRows.Key(siteId);

    // The run's two writers (the claiming and the outcome batches) take turns here rather than in SQLite: a writer that
    // finds the database locked sleeps in SQLite's busy handler, in steps that grow to 100 ms, and every sender whose
    // claimed records ran out waits with it. Waiting here ends the moment the other write commits.
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>
    /// Records left in flight by a crash are verified before new ones are sent. The claim reads one state at a time:
    /// the index (RunId, Stage, State, GroupKey, Sequence) then hands the records over in plan order and the query stops
    /// at its limit. Asking for both states at once made SQLite read every open record of the stage, payload included,
    /// and sort them, for every batch: a run's claiming grew with the square of its size.
    /// </summary>
    private static readonly RecordState[] ClaimOrder = [RecordState.Unknown, RecordState.Pending];

    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(RunStage stage, int max, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var ofStage = db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId && r.Stage == stage);
        var records = new List<ClaimedRow>();
        if (stage == RunStage.Conversations)
        {
            // Whole tickets: their messages go in order, by one worker.
            var wanted = Math.Max(1, max / 4);
            var groups = new List<string?>();
            foreach (var state in ClaimOrder)
            {
                var found = await ofStage.Where(r => r.State == state).Select(r => r.GroupKey).Distinct().OrderBy(g => g).Take(wanted).ToListAsync(ct);
                groups.AddRange(found.Where(g => !groups.Contains(g)).Take(wanted - groups.Count));
            }

            records = await Claimable(ofStage.Where(r => (r.State == RecordState.Pending || r.State == RecordState.Unknown) && EF.Parameter(groups).Contains(r.GroupKey))
                .OrderBy(r => r.GroupKey).ThenBy(r => r.Sequence)).ToListAsync(ct);
        }
        else
        {
            foreach (var state in ClaimOrder)
            {
                var left = max - records.Count;
                if (left > 0)
                {
                    records.AddRange(await Claimable(ofStage.Where(r => r.State == state).OrderBy(r => r.GroupKey).ThenBy(r => r.Sequence).ThenBy(r => r.Id).Take(left)).ToListAsync(ct));
                }
            }
        }

        if (records.Count == 0)
        {
            return [];
        }

        var ids = records.Select(r => r.Id).ToList();
        var now = time.GetUtcNow();
        await _writing.WaitAsync(ct);
        try
        {
            await db.ImportRecords.Where(r => EF.Parameter(ids).Contains(r.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecordState.InFlight).SetProperty(r => r.UpdatedAt, now), ct);
        }
        finally
        {
            _writing.Release();
        }

        return records.Select(r => new WorkItem(
            r.Id, r.Stage, r.Entity, r.Doctype, r.SourceKey, r.GroupKey, r.Sequence,
            RecordPayloadJson.Read(r.PayloadJson, r.OverrideJson), r.ExternalIdField, r.State == RecordState.Unknown, r.Attempts)).ToList();
    }

    /// <summary>Only the columns a send needs: not the source row, the sent body or the error of an earlier try.</summary>
    private static IQueryable<ClaimedRow> Claimable(IQueryable<ImportRecord> records) =>
        records.Select(r => new ClaimedRow(r.Id, r.Stage, r.Entity, r.Doctype, r.SourceKey, r.GroupKey, r.Sequence, r.PayloadJson, r.OverrideJson, r.ExternalIdField, r.State, r.Attempts));

    private sealed record ClaimedRow(
        long Id, RunStage Stage, EntityKind Entity, string Doctype, string SourceKey, string? GroupKey, long Sequence,
        string PayloadJson, string? OverrideJson, string? ExternalIdField, RecordState State, int Attempts);

    public async Task SaveAsync(IReadOnlyList<RecordOutcome> outcomes, IReadOnlyList<LedgerEntry> ledger, CancellationToken ct)
    {
        // Prepared statements on one connection in one transaction: the import loop writes thousands of outcomes a
        // second, and loading each record through the change tracker cost more than sending it.
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await _writing.WaitAsync(ct);
        try
        {
            await WriteAsync(db.Database.GetDbConnection(), outcomes, ledger, ct);
        }
        finally
        {
            _writing.Release();
        }
    }

    // One statement per table per batch, its rows handed over as one JSON array: binding a dozen parameters per record
    // and stepping three statements per record cost the portal more CPU than SQLite's own writing (and a tenth of its
    // allocations). "+ImportRecords.RunId" keeps the planner on the primary key: with the bare column it searched the
    // run's index and scanned the batch for each of the run's records.
    private const string UpdateRecords =
        "UPDATE ImportRecords SET State = o.value ->> 'state', Result = o.value ->> 'result', UpdatedAt = $at, " +
        "Attempts = ImportRecords.Attempts + (o.value ->> 'sends'), FrappeName = COALESCE(o.value ->> 'name', ImportRecords.FrappeName), " +
        "SentJson = COALESCE(o.value ->> 'sent', ImportRecords.SentJson), ErrorKind = o.value ->> 'kind', ErrorMessage = o.value ->> 'message', ErrorText = o.value ->> 'text', " +
        "ErrorStatus = o.value ->> 'status', ErrorExcType = o.value ->> 'exc' " +
        "FROM jsonb_each(CAST($rows AS TEXT)) AS o WHERE ImportRecords.Id = o.value ->> 'id' AND +ImportRecords.RunId = $run";

    private const string InsertAttempts =
        "INSERT INTO RecordAttempts (RecordId, At, Request, DurationMs, Outcome, HttpStatus, ExcType, Message) " +
        "SELECT a.value ->> 'record', a.value ->> 'at', a.value ->> 'request', a.value ->> 'ms', a.value ->> 'outcome', " +
        "a.value ->> 'status', a.value ->> 'exc', a.value ->> 'message' FROM jsonb_each(CAST($rows AS TEXT)) AS a ORDER BY a.key";

    // A ledger line that is already there (another run, or a concurrent one) stays as it is: first writer wins.
    private const string InsertLedger =
        "INSERT OR IGNORE INTO IdMap (SiteId, Doctype, SourceKey, FrappeName, Created, FirstRunId, CreatedAt) " +
        "SELECT $site, l.value ->> 'doctype', l.value ->> 'key', l.value ->> 'name', l.value ->> 'created', $run, $at FROM jsonb_each(CAST($rows AS TEXT)) AS l ORDER BY l.key";

    private async Task WriteAsync(System.Data.Common.DbConnection connection, IReadOnlyList<RecordOutcome> outcomes, IReadOnlyList<LedgerEntry> ledger, CancellationToken ct)
    {
        using var rows = new JsonRows();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var stamp = JsonRows.Stamp(time.GetUtcNow());
        foreach (var chunk in rows.Chunks(outcomes, (json, outcome) => WriteRecord(json, outcome, rows)))
        {
            await ExecuteAsync(connection, transaction, UpdateRecords, chunk, stamp, ct);
        }

        foreach (var chunk in rows.Chunks(outcomes.SelectMany(o => o.Attempts.Select(a => (o.Id, Attempt: a))), WriteAttempt))
        {
            await ExecuteAsync(connection, transaction, InsertAttempts, chunk, stamp, ct);
        }

        foreach (var chunk in rows.Chunks(ledger, WriteLedgerLine))
        {
            await ExecuteAsync(connection, transaction, InsertLedger, chunk, stamp, ct);
        }

        await transaction.CommitAsync(ct);
    }

    private Task ExecuteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql, byte[] rows, long stamp, CancellationToken ct) =>
        JsonRows.ExecuteAsync(connection, transaction, sql, [("$rows", rows), ("$run", _runText), ("$site", _siteText), ("$at", stamp)], ct);

    private static void WriteRecord(Utf8JsonWriter json, RecordOutcome outcome, JsonRows rows)
    {
        json.WriteNumber("id", outcome.Id);
        json.WriteNumber("state", (int)outcome.State);
        json.WriteNumber("result", (int)outcome.Result);
        json.WriteNumber("sends", Sends(outcome));
        JsonRows.Text(json, "name", outcome.FrappeName);
        if (outcome.SentBody is { } sent)
        {
            json.WriteString("sent", rows.Utf8Of((sent, outcome.SentFrom), SentBodyJson.Write));
        }

        if (outcome.Error is { } error)
        {
            json.WriteNumber("kind", (int)error.Kind);
            JsonRows.Text(json, "message", Clip(error.Message, 4000));
            JsonRows.Text(json, "text", PortalTextJson.WriteOne(error.Text));
            JsonRows.Number(json, "status", error.HttpStatus);
            JsonRows.Text(json, "exc", error.ExcType);
        }
    }

    private static void WriteAttempt(Utf8JsonWriter json, (long Record, AttemptLog Attempt) row)
    {
        json.WriteNumber("record", row.Record);
        json.WriteNumber("at", JsonRows.Stamp(row.Attempt.At));
        JsonRows.Text(json, "request", Clip(row.Attempt.Request, 400));
        json.WriteNumber("ms", (int)Math.Min(int.MaxValue, row.Attempt.Duration.TotalMilliseconds));
        JsonRows.Text(json, "outcome", row.Attempt.Outcome);
        JsonRows.Number(json, "status", row.Attempt.HttpStatus);
        JsonRows.Text(json, "exc", row.Attempt.ExcType);
        JsonRows.Text(json, "message", Clip(row.Attempt.Message, 2000));
    }

    private static void WriteLedgerLine(Utf8JsonWriter json, LedgerEntry entry)
    {
        json.WriteString("doctype", entry.Doctype);
        json.WriteString("key", entry.SourceKey);
        json.WriteString("name", entry.FrappeName);
        json.WriteNumber("created", entry.Created ? 1 : 0);
    }

    private static int Sends(RecordOutcome outcome) =>
        outcome.Attempts.Count(a => a.Request.StartsWith("POST", StringComparison.Ordinal) || a.Request.StartsWith("PUT", StringComparison.Ordinal));

    public async Task<RecordError?> FailureOfAsync(EntityKind entity, string sourceKey, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var record = await db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && r.Entity == entity && r.SourceKey == sourceKey && !RunStages.ChangeOnly.Contains(r.Stage))
            .Select(r => new { r.State, r.ErrorKind, r.ErrorMessage, r.ErrorText })
            .FirstOrDefaultAsync(ct);
        return record switch
        {
            null => null,
            { State: RecordState.Failed } => new RecordError(record.ErrorKind ?? RecordErrorKind.Server, record.ErrorMessage ?? "failed")
            {
                Text = PortalTextJson.Read(record.ErrorText) is [var text] ? text : null,
            },
            { State: RecordState.Skipped } => RecordError.Skipped,
            _ => RecordError.NotYet,
        };
    }

    // The claim index (RunId, Stage, State, GroupKey, ...) finds a ticket's messages that went through (or would, in a dry run).
    public async Task<bool> AddedMessagesAsync(string ticketKey, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.ImportRecords.AsNoTracking().AnyAsync(
            r => r.RunId == runId && r.Stage == RunStage.Conversations && r.State == RecordState.Succeeded && r.GroupKey == ticketKey
                && (r.Result == RecordResult.Created || r.Result == RecordResult.WouldCreate), ct);
    }

    public void Dispose() => _writing.Dispose();

    private static string? Clip(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;
}
