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
/// Asks the site for every document a run created, updated or found (<see cref="RunChecks"/>), a batch of names per
/// list request, walking the run's records by their key, and marks the records whose document is not there. It reads
/// only. It holds the run's lease, so a retry or resume waits for it; a crash or restart starts the check again from
/// the beginning (<see cref="RunRecovery"/>). Hangfire's retry is off: an unreachable site ends the check with its error.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class CheckRunJob(
    IDbContextFactory<PortalDbContext> databases,
    SiteCatalog sites,
    FrappeSiteClientFactory clients,
    ProgressFeed<RunCheckProgress> feed,
    IBackgroundJobClient jobs,
    IOptions<RunsOptions> options,
    TimeProvider time,
    ILogger<CheckRunJob> log) : RunSiteJob<CheckRunJob>(databases, sites, jobs, options, time)
{
    /// <summary>Names per list request at most: Frappe reads them from the query string, so fewer go when they are long (<see cref="ListFilters"/>).</summary>
    internal const int Batch = 100;

    /// <summary>List requests in flight at once: a check reads, and must not weigh on a live helpdesk.</summary>
    internal const int Parallel = 4;

    protected override bool Asked(ImportRun run) => run.CheckUnderWay;

    protected override async Task WorkAsync(ImportRun run, FrappeSiteConnection connection, RunLease lease, CancellationToken ct)
    {
        var site = clients.Create(connection);
        // From the beginning, whether asked or restarted: it only reads, and what it marked before is looked at again.
        Publish(await StartAsync(run.Id, ct));
        var (first, last) = await EndedRuns.RecordIdRangeAsync(Databases, run.Id, ct);
        var after = first - 1;
        while (await NextAsync(run.Id, after, last, ct) is { Count: > 0 } records)
        {
            after = records[^1].Id;
            var found = await LookAsync(site, records, ct);
            Publish(await SaveAsync(run.Id, records.Count, found, ct));
            await lease.KeepAsync(ct);
        }

        Publish(await EndAsync(run.Id, null, null, ct));
        LogChecked(run.Id);
    }

    protected override async Task StoppedAsync(Guid runId, string reason, PortalText? text)
    {
        LogStopped(runId, reason);
        Publish(await EndAsync(runId, reason, text, CancellationToken.None));
    }

    internal sealed record Written(long Id, string Doctype, string FrappeName, RunStage Stage);

    /// <summary>What a batch's look found: the records whose document is gone, and the messages no longer on their ticket.</summary>
    private sealed record Found(List<long> Missing, List<long> Detached);

    private async Task<RunCheckProgress> StartAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await Databases.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        long total;
        await using (var count = db.Database.GetDbConnection().CreateCommand())
        {
            count.CommandText = CountSql;
            AddParameters(count, runId);
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ImportRecords.Where(r => r.RunId == runId && r.MissingSince != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.MissingSince, (DateTimeOffset?)null).SetProperty(r => r.Detached, false), ct);
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.CheckTotal, total).SetProperty(r => r.CheckDone, 0L).SetProperty(r => r.CheckMissing, 0L), ct);
        await transaction.CommitAsync(ct);
        return await RunChecks.ProgressAsync(db, runId, ct);
    }

    // What a check looks for: the documents of the stages that write their own (not a finalise or an assignment, which
    // change a ticket), succeeded with a name, and not taken back off the site by a removal.
    private const string Checked =
        "+State = $succeeded AND +Result IN ($created, $updated, $existing) AND FrappeName IS NOT NULL AND (Removal IS NULL OR Removal <> $removed) " +
        "AND +Stage IN (SELECT value FROM json_each($stages))";

    internal const string CountSql = "SELECT COUNT(*) FROM ImportRecords WHERE RunId = $run AND " + Checked;

    // The run's records in the order of their ids, from where the last batch ended: a walk over the primary key, once
    // for every stage (the order does not matter to a check).
    internal const string NextSql =
        "SELECT Id, Doctype, FrappeName, Stage FROM ImportRecords WHERE Id > $after AND Id <= $last AND +RunId = $run AND " + Checked + " ORDER BY Id LIMIT $limit";

    private static void AddParameters(System.Data.Common.DbCommand command, Guid runId)
    {
        foreach (var (name, value) in new (string, object)[]
        {
            ("$run", JsonRows.Key(runId)), ("$succeeded", (int)RecordState.Succeeded), ("$created", (int)RecordResult.Created),
            ("$updated", (int)RecordResult.Updated), ("$existing", (int)RecordResult.Existing), ("$removed", (int)RemovalOutcome.Removed),
            ("$stages", System.Text.Json.JsonSerializer.Serialize(RunChecks.Stages.Select(s => (int)s))),
        })
        {
            command.Parameters.Add(new SqliteParameter(name, value));
        }
    }

    private async Task<List<Written>> NextAsync(Guid runId, long after, long last, CancellationToken ct)
    {
        await using var db = await Databases.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = NextSql;
        AddParameters(command, runId);
        command.Parameters.Add(new SqliteParameter("$after", after));
        command.Parameters.Add(new SqliteParameter("$last", last));
        command.Parameters.Add(new SqliteParameter("$limit", Batch * Parallel));
        var records = new List<Written>(Batch * Parallel);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            records.Add(new Written(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (RunStage)reader.GetInt32(3)));
        }

        return records;
    }

    /// <summary>
    /// The records whose document the site does not list, and the messages it lists on no ticket (their ticket deleted:
    /// Frappe clears a message's reference rather than delete it): a page of names per doctype per request, a few at once.
    /// </summary>
    private static async Task<Found> LookAsync(IFrappeSite site, List<Written> records, CancellationToken ct)
    {
        var pages = records.GroupBy(r => r.Doctype).SelectMany(d => ListFilters.Chunk(d, r => r.FrappeName, Batch).Select(page => (Doctype: d.Key, Records: page))).ToList();
        var missing = new System.Collections.Concurrent.ConcurrentBag<long>();
        var detached = new System.Collections.Concurrent.ConcurrentBag<long>();
        await System.Threading.Tasks.Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct }, async (page, token) =>
        {
            var names = page.Records.Select(r => r.FrappeName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var filter = ListFilters.In("name", names);
            var messages = page.Doctype == Communication;
            string[] fields = messages ? ["name", "reference_doctype", "reference_name"] : ["name"];
            var found = (await site.ListAsync(page.Doctype, new FrappeListQuery(fields, filter, null, 0, 0), token))
                .Where(d => Text(d, "name") is not null)
                .ToDictionary(d => Text(d, "name")!, StringComparer.OrdinalIgnoreCase);
            foreach (var record in page.Records)
            {
                if (!found.TryGetValue(record.FrappeName, out var document))
                {
                    missing.Add(record.Id);
                }
                else if (messages && record.Stage == RunStage.Conversations && string.IsNullOrEmpty(Text(document, "reference_name")))
                {
                    // On no ticket: Frappe clears the reference of a deleted document's messages. One an agent moved to
                    // another ticket is where they want it, and is left alone.
                    detached.Add(record.Id);
                }
            }
        });
        return new Found([.. missing], [.. detached]);
    }

    private const string Communication = "Communication";

    private static string? Text(JsonObject document, string field) =>
        document[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private async Task<RunCheckProgress> SaveAsync(Guid runId, int looked, Found found, CancellationToken ct)
    {
        await using var db = await Databases.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Time.GetUtcNow();
        foreach (var (ids, detached) in new[] { (found.Missing, false), (found.Detached, true) }.Where(x => x.Item1.Count > 0))
        {
            await db.ImportRecords.Where(r => EF.Parameter(ids).Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.MissingSince, now).SetProperty(r => r.Detached, detached), ct);
        }

        var lost = found.Missing.Count + found.Detached.Count;
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.CheckDone, r => r.CheckDone + looked)
            .SetProperty(r => r.CheckMissing, r => r.CheckMissing + lost), ct);
        await transaction.CommitAsync(ct);
        return await RunChecks.ProgressAsync(db, runId, ct);
    }

    private async Task<RunCheckProgress> EndAsync(Guid runId, string? error, PortalText? text, CancellationToken ct)
    {
        await using var db = await Databases.CreateDbContextAsync(ct);
        var now = Time.GetUtcNow();
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.CheckFinishedAt, now)
            .SetProperty(r => r.CheckError, error)
            .SetProperty(r => r.CheckErrorText, PortalTextJson.WriteOne(text)), ct);
        var progress = await RunChecks.ProgressAsync(db, runId, ct);
        var number = await db.ImportRuns.Where(r => r.Id == runId).Select(r => r.Number).FirstAsync(ct);
        new AuditLog(db, Time).Record("system", error is null ? "run.check.done" : "run.check.stopped", AuditTrail.RunSubject(number),
            [
                new PortalText(AuditTexts.CheckEnded, progress.Done.ToString(CultureInfo.InvariantCulture), progress.Missing.ToString(CultureInfo.InvariantCulture)),
                .. error is null ? Array.Empty<PortalText>() : [new PortalText(AuditTexts.StoppedBy, [text is null ? PortalArg.Quote(error) : PortalArg.Of(text)])],
            ]);
        await db.SaveChangesAsync(ct);
        return progress;
    }

    private void Publish(RunCheckProgress progress) => feed.Publish(progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: its site checked for what it wrote")]
    private partial void LogChecked(Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: checking its site stopped: {Error}")]
    private partial void LogStopped(Guid runId, string error);
}
