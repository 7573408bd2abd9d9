using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Migration;
using ImportPortal.Frappe;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Sites;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Jobs;

/// <summary>
/// Deletes from the site what a run created, stage by stage in the reverse of the order the run sent them
/// (<see cref="Removal.Order"/>), a batch at a time: the batch's documents are read first (who changed them last, and
/// for tickets, which messages are still on them), then each one the run may take back is deleted, paced like the run.
/// Each batch's outcomes, their ledger lines and the run's counts are written in one transaction, so after a crash the
/// next job goes on where this one stopped: a delete that went through unrecorded finds the document gone. It holds
/// the run's lease, so a retry or resume waits for it. Hangfire's retry is off: an unreachable site ends the removal
/// with its error, and the operator asks again.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class RemoveRunJob(
    IDbContextFactory<PortalDbContext> databases,
    SiteCatalog sites,
    FrappeSiteClientFactory clients,
    SitePacing pacing,
    ProgressFeed<RunRemovalProgress> feed,
    IBackgroundJobClient jobs,
    IOptions<RunsOptions> options,
    TimeProvider time,
    ILogger<RemoveRunJob> log) : RunSiteJob<RemoveRunJob>(databases, sites, jobs, options, time)
{
    internal const int Batch = 100;

    /// <summary>Looks over the run's documents at most this often: each look after the first only retries what a link held back.</summary>
    private const int MaxPasses = 3;

    private const string Communication = "Communication";

    protected override bool Asked(ImportRun run) => run.RemovalUnderWay;

    protected override async Task WorkAsync(ImportRun run, FrappeSiteConnection connection, RunLease lease, CancellationToken ct)
    {
        var ceiling = Math.Clamp((StoredJson.Read<RunOptions>(run.OptionsJson) ?? new RunOptions()).Ceiling, 1, RunOptions.MaxCeiling);
        pacing.For(connection.BaseUrl).Ceiling = ceiling;
        var site = clients.Create(connection);
        var portalUser = await site.GetLoggedUserAsync(ct);
        var (first, last) = await EndedRuns.RecordIdRangeAsync(Databases, run.Id, ct);
        for (var pass = 1; ; pass++)
        {
            var removedInPass = 0;
            foreach (var stage in Removal.Order)
            {
                var after = first - 1;
                while (await NextBatchAsync(run.Id, stage, after, last, ct) is { Count: > 0 } batch)
                {
                    after = batch[^1].Id;
                    var outcomes = await RemoveAsync(site, batch, portalUser, run.RemovalIncludesChanged, ceiling, ct);
                    removedInPass += outcomes.Count(o => o.Result == RemovalOutcome.Removed);
                    Publish(await SaveAsync(run, outcomes, ct));
                    await lease.KeepAsync(ct);
                }
            }

            // A document kept because another one linked to it may be free now that the other went later in the
            // order (a contact an organisation's member list names, on Helpdesk 1.28): one more look while the
            // last one freed something.
            if (pass == MaxPasses || removedInPass == 0 || await ReopenLinkedAsync(run.Id, ct) == 0)
            {
                break;
            }
        }

        Publish(await EndAsync(run.Id, null, null, ct));
        LogRemoved(run.Id);
    }

    protected override async Task StoppedAsync(Guid runId, string reason, PortalText? text)
    {
        LogStopped(runId, reason);
        Publish(await EndAsync(runId, reason, text, CancellationToken.None));
    }

    /// <summary>The documents kept for a link are looked at again: their outcome and their count go back to "not yet".</summary>
    private async Task<int> ReopenLinkedAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await Databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reopened = await db.ImportRecords.Where(r => r.RunId == runId && r.Removal == RemovalOutcome.Kept && r.RemovalReason == RemovalReason.Linked)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Removal, (RemovalOutcome?)null).SetProperty(r => r.RemovalReason, (RemovalReason?)null).SetProperty(r => r.RemovalNote, (string?)null), ct);
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.RemovalKept, r => r.RemovalKept - reopened), ct);
        await transaction.CommitAsync(ct);
        return reopened;
    }

    private sealed record Candidate(long Id, string Doctype, string SourceKey, string FrappeName);

    private sealed record Outcome(Candidate Record, RemovalOutcome Result, RemovalReason? Reason = null, string? Note = null);

    // The run's records in the order of their ids, from where the last batch ended: a walk over the primary key ("+"
    // keeps SQLite off the run's indexes, which hold neither the id order nor the removal's outcome). Asked of an
    // index, each batch read the stage's records done already again: a migration's 330,000 messages, 3,300 times.
    internal const string NextBatchSql =
        "SELECT Id, Doctype, SourceKey, FrappeName FROM ImportRecords WHERE Id > $after AND Id <= $last AND +RunId = $run AND +Stage = $stage " +
        "AND +State = $succeeded AND +Result = $created AND FrappeName IS NOT NULL AND Removal IS NULL ORDER BY Id LIMIT $limit";

    private async Task<List<Candidate>> NextBatchAsync(Guid runId, RunStage stage, long after, long last, CancellationToken ct)
    {
        await using var db = await Databases.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = NextBatchSql;
        foreach (var (name, value) in new (string, object)[]
        {
            ("$after", after), ("$last", last), ("$run", JsonRows.Key(runId)), ("$stage", (int)stage),
            ("$succeeded", (int)RecordState.Succeeded), ("$created", (int)RecordResult.Created), ("$limit", Batch),
        })
        {
            command.Parameters.Add(new SqliteParameter(name, value));
        }

        var batch = new List<Candidate>(Batch);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            batch.Add(new Candidate(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return batch;
    }

    private static async Task<List<Outcome>> RemoveAsync(IFrappeSite site, List<Candidate> batch, string portalUser, bool includeChanged, int ceiling, CancellationToken ct)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        foreach (var ofDoctype in batch.GroupBy(c => c.Doctype))
        {
            var names = ofDoctype.Select(c => c.FrappeName).Distinct().ToList();
            var states = new Dictionary<string, SiteDocumentState>(StringComparer.OrdinalIgnoreCase);
            foreach (var chunk in ListFilters.Chunk(names, Batch))
            {
                foreach (var d in await site.ListAsync(ofDoctype.Key, new FrappeListQuery(["name", "modified_by", "modified"], ListFilters.In("name", chunk), null, 0, 0), ct))
                {
                    states[Text(d, "name") ?? ""] = new SiteDocumentState(Text(d, "name") ?? "", Text(d, "modified_by"), Text(d, "modified"));
                }
            }

            var messages = ofDoctype.Key == "HD Ticket" ? await MessagesOnAsync(site, names, ct) : [];
            await Parallel.ForEachAsync(ofDoctype, new ParallelOptions { MaxDegreeOfParallelism = ceiling, CancellationToken = ct }, async (record, token) =>
            {
                if (!states.TryGetValue(record.FrappeName, out var state))
                {
                    // Gone already: deleted by hand, or by a delete whose answer this job did not live to record.
                    outcomes.Add(new Outcome(record, RemovalOutcome.Removed));
                    return;
                }

                var verdict = Removal.Judge(state, portalUser, includeChanged, messages.GetValueOrDefault(record.FrappeName));
                if (!verdict.Deletes)
                {
                    outcomes.Add(new Outcome(record, RemovalOutcome.Kept, verdict.KeptBecause, verdict.Note));
                    return;
                }

                try
                {
                    await site.DeleteAsync(record.Doctype, record.FrappeName, token);
                    outcomes.Add(new Outcome(record, RemovalOutcome.Removed));
                }
                catch (FrappeException ex) when (ex.Error.ExcType == "LinkExistsError")
                {
                    outcomes.Add(new Outcome(record, RemovalOutcome.Kept, RemovalReason.Linked, ex.Error.Summary));
                }
                catch (FrappeException ex) when (!ex.Error.IsUnanswered)
                {
                    // Refused for this document alone (no permission, a rule of the doctype, a 5xx or 429 that outlasted
                    // the retries): the others go on, and asking again tries it again. A site that does not answer at all
                    // ends the removal instead of failing every document left.
                    outcomes.Add(new Outcome(record, RemovalOutcome.Failed, null, ex.Error.Summary));
                }
            });
        }

        return [.. outcomes];
    }

    /// <summary>The messages still on each ticket: once the run's own are gone, any left are someone else's.</summary>
    private static async Task<Dictionary<string, int>> MessagesOnAsync(IFrappeSite site, List<string> tickets, CancellationToken ct)
    {
        var rows = new List<JsonObject>();
        foreach (var chunk in ListFilters.Chunk(tickets, Batch))
        {
            var filters = ListFilters.In("reference_name", chunk);
            filters.Add(new JsonArray("reference_doctype", "=", "HD Ticket"));
            rows.AddRange(await site.ListAsync(Communication, new FrappeListQuery(["name", "reference_name"], filters, null, 0, 0), ct));
        }

        return rows.GroupBy(r => Text(r, "reference_name") ?? "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
    }

    private static string? Text(JsonObject document, string field) =>
        document[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private async Task<RunRemovalProgress> SaveAsync(ImportRun run, List<Outcome> outcomes, CancellationToken ct)
    {
        await using var db = await Databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Most of a batch is deleted alike: one statement for those; a kept or refused one carries its own reason.
        var removed = outcomes.Where(o => o.Result == RemovalOutcome.Removed).Select(o => o.Record.Id).ToList();
        await db.ImportRecords.Where(r => EF.Parameter(removed).Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Removal, RemovalOutcome.Removed)
            .SetProperty(r => r.RemovalReason, (RemovalReason?)null)
            .SetProperty(r => r.RemovalNote, (string?)null), ct);
        foreach (var outcome in outcomes.Where(o => o.Result != RemovalOutcome.Removed))
        {
            var note = outcome.Note is { Length: > 2000 } longNote ? longNote[..2000] : outcome.Note;
            await db.ImportRecords.Where(r => r.Id == outcome.Record.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Removal, outcome.Result)
                .SetProperty(r => r.RemovalReason, outcome.Reason)
                .SetProperty(r => r.RemovalNote, note), ct);
        }

        // The ledger forgets the documents deleted, so the next import of the same rows creates them again.
        await EfIdLedger.ForgetAsync(db, run.SiteId, outcomes.Where(o => o.Result == RemovalOutcome.Removed)
            .Select(o => (o.Record.Doctype, o.Record.SourceKey, o.Record.FrappeName)), ct);
        var kept = outcomes.Count(o => o.Result == RemovalOutcome.Kept);
        var failed = outcomes.Count(o => o.Result == RemovalOutcome.Failed);
        await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.RemovalRemoved, r => r.RemovalRemoved + removed.Count)
            .SetProperty(r => r.RemovalKept, r => r.RemovalKept + kept)
            .SetProperty(r => r.RemovalFailed, r => r.RemovalFailed + failed), ct);
        await transaction.CommitAsync(ct);
        return await RunRemovals.ProgressAsync(db, run.Id, ct);
    }

    private async Task<RunRemovalProgress> EndAsync(Guid runId, string? error, PortalText? text, CancellationToken ct)
    {
        await using var db = await Databases.CreateDbContextAsync(ct);
        var now = Time.GetUtcNow();
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.RemovalFinishedAt, now)
            .SetProperty(r => r.RemovalError, error)
            .SetProperty(r => r.RemovalErrorText, PortalTextJson.WriteOne(text)), ct);
        var progress = await RunRemovals.ProgressAsync(db, runId, ct);
        var number = await db.ImportRuns.Where(r => r.Id == runId).Select(r => r.Number).FirstAsync(ct);
        new AuditLog(db, Time).Record("system", error is null ? "run.removal.done" : "run.removal.stopped", AuditTrail.RunSubject(number),
            [
                new PortalText(AuditTexts.RemovalEnded, progress.Removed.ToString(CultureInfo.InvariantCulture), progress.Kept.ToString(CultureInfo.InvariantCulture), progress.Failed.ToString(CultureInfo.InvariantCulture)),
                .. error is null ? Array.Empty<PortalText>() : [new PortalText(AuditTexts.StoppedBy, [text is null ? PortalArg.Quote(error) : PortalArg.Of(text)])],
            ]);
        await db.SaveChangesAsync(ct);
        return progress;
    }

    private void Publish(RunRemovalProgress progress) => feed.Publish(progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: what it created is taken back off its site")]
    private partial void LogRemoved(Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: taking it back off its site stopped: {Error}")]
    private partial void LogStopped(Guid runId, string error);
}
