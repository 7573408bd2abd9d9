using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ImportPortal.Runs;

/// <summary>The records of one run in the portal's database; outcomes and their ledger lines are written in one transaction per batch.</summary>
public sealed class EfRecordStore(IDbContextFactory<PortalDbContext> databases, Guid runId, Guid siteId, TimeProvider time) : IRecordStore, IDisposable
{
    private static readonly DateTimeOffsetToBinaryConverter BinaryTime = new();

    // Guids as EF keeps them in SQLite: upper-case text; made once, not for every record written.
    private readonly string _runText = runId.ToString().ToUpperInvariant();

    private readonly string _siteText = siteId.ToString().ToUpperInvariant();

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

            records = await Claimable(ofStage.Where(r => (r.State == RecordState.Pending || r.State == RecordState.Unknown) && groups.Contains(r.GroupKey))
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
            await db.ImportRecords.Where(r => ids.Contains(r.Id))
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

    private async Task WriteAsync(System.Data.Common.DbConnection connection, IReadOnlyList<RecordOutcome> outcomes, IReadOnlyList<LedgerEntry> ledger, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var stamp = (long)BinaryTime.ConvertToProvider(time.GetUtcNow())!;

        await using (var update = Command(connection, transaction,
            "UPDATE ImportRecords SET State = $state, Result = $result, UpdatedAt = $at, Attempts = Attempts + $sends, " +
            "FrappeName = COALESCE($name, FrappeName), SentJson = COALESCE($sent, SentJson), ErrorKind = $kind, " +
            "ErrorMessage = $message, ErrorStatus = $status, ErrorExcType = $exc WHERE Id = $id AND RunId = $run",
            "$state", "$result", "$at", "$sends", "$name", "$sent", "$kind", "$message", "$status", "$exc", "$id", "$run"))
        {
            foreach (var outcome in outcomes)
            {
                await ExecuteAsync(update, ct,
                    (int)outcome.State, (int)outcome.Result, stamp, Sends(outcome), outcome.FrappeName, outcome.SentBody?.ToJsonString(),
                    (int?)outcome.Error?.Kind, Clip(outcome.Error?.Message, 4000), outcome.Error?.HttpStatus, outcome.Error?.ExcType,
                    outcome.Id, _runText);
            }
        }

        await using (var attempt = Command(connection, transaction,
            "INSERT INTO RecordAttempts (RecordId, At, Request, DurationMs, Outcome, HttpStatus, ExcType, Message) VALUES ($record, $at, $request, $ms, $outcome, $status, $exc, $message)",
            "$record", "$at", "$request", "$ms", "$outcome", "$status", "$exc", "$message"))
        {
            foreach (var outcome in outcomes)
            {
                foreach (var a in outcome.Attempts)
                {
                    await ExecuteAsync(attempt, ct,
                        outcome.Id, (long)BinaryTime.ConvertToProvider(a.At)!, Clip(a.Request, 400), (int)Math.Min(int.MaxValue, a.Duration.TotalMilliseconds),
                        a.Outcome, a.HttpStatus, a.ExcType, Clip(a.Message, 2000));
                }
            }
        }

        // A ledger line that is already there (another run, or a concurrent one) stays as it is: first writer wins.
        await using (var insert = Command(connection, transaction,
            "INSERT OR IGNORE INTO IdMap (SiteId, Doctype, SourceKey, FrappeName, Created, FirstRunId, CreatedAt) VALUES ($site, $doctype, $key, $name, $created, $run, $at)",
            "$site", "$doctype", "$key", "$name", "$created", "$run", "$at"))
        {
            foreach (var entry in ledger)
            {
                await ExecuteAsync(insert, ct, _siteText, entry.Doctype, entry.SourceKey, entry.FrappeName, entry.Created ? 1 : 0, _runText, stamp);
            }
        }

        await transaction.CommitAsync(ct);
    }

    private static int Sends(RecordOutcome outcome) =>
        outcome.Attempts.Count(a => a.Request.StartsWith("POST", StringComparison.Ordinal) || a.Request.StartsWith("PUT", StringComparison.Ordinal));

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private static Task<int> ExecuteAsync(System.Data.Common.DbCommand command, CancellationToken ct, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(ct);
    }

    public async Task<RecordError?> FailureOfAsync(EntityKind entity, string sourceKey, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var record = await db.ImportRecords.AsNoTracking()
            .Where(r => r.RunId == runId && r.Entity == entity && r.SourceKey == sourceKey && r.Stage != RunStage.Finalise && r.Stage != RunStage.Memberships)
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

    public void Dispose() => _writing.Dispose();

    private static string? Clip(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;
}
