using System.Text.RegularExpressions;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// The dashboard and the runs list count records by stage, state and result, and show the failed ones by table and
/// latest first. A migration's run holds hundreds of thousands of records with their payloads: these must read an
/// index, not the records (on a cold cache, 5–6 s for 117,000 records against 0.07–0.12 s from the index, measured with
/// sqlite3 on the same schema).
/// </summary>
public sealed partial class RecordCountPlanTests
{
    [Fact]
    public async Task A_run_s_counts_are_read_from_an_index_alone_not_from_its_records()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });

        var plan = await portal.InDatabaseAsync(db => PlanAsync(db, RunCounter.Grouped(db, [Guid.NewGuid(), Guid.NewGuid()]).ToQueryString()));

        Assert.Contains("USING COVERING INDEX IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence_Result", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN ImportRecords", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_records_are_grouped_by_table_and_listed_latest_first_from_an_index_alone()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        var runId = Guid.NewGuid();

        var byTable = await portal.InDatabaseAsync(db => PlanAsync(db, RunDownloads.FailedRowsByTable(db, runId).ToQueryString()));
        var latest = await portal.InDatabaseAsync(db => PlanAsync(db, RunQueries.LatestIds(RunQueries.Failed(db, runId), 0, 5).ToQueryString()));

        foreach (var plan in new[] { byTable, latest })
        {
            Assert.Contains($"USING COVERING INDEX {PortalDbContext.FailedIndex}", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("SCAN ImportRecords", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_error_list_counts_and_pages_failed_records_from_their_index_as_its_query_is_sent_with_its_parameters()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        var runId = Guid.NewGuid();

        // The index holds only failed records: SQLite reads it when the query's state is failed, here a bound parameter
        // (the plans of the commands EF sends, not printed with their values written in).
        var failed = await portal.InDatabaseAsync(db => BoundPlanAsync(RunQueries.Filtered(db, runId, new RecordFilter()).Select(r => r.Id)));
        var ofKind = await portal.InDatabaseAsync(db => BoundPlanAsync(RunQueries.Filtered(db, runId, new RecordFilter(Kind: RecordErrorKind.Data)).Select(r => r.Id)));
        var latest = await portal.InDatabaseAsync(db => BoundPlanAsync(RunQueries.LatestIds(RunQueries.Filtered(db, runId, new RecordFilter()), 0, 5)));
        var skipped = await portal.InDatabaseAsync(db => BoundPlanAsync(RunQueries.Filtered(db, runId, new RecordFilter(State: RecordState.Skipped)).Select(r => r.Id)));

        foreach (var plan in new[] { failed, ofKind, latest })
        {
            Assert.Contains($"USING COVERING INDEX {PortalDbContext.FailedIndex}", plan, StringComparison.Ordinal);
        }

        // Another state is found through the run's own index, never by reading every run's records.
        foreach (var plan in new[] { failed, ofKind, latest, skipped })
        {
            Assert.DoesNotContain("SCAN ImportRecords", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("SCAN i", plan, StringComparison.Ordinal);
        }

        Assert.Contains("INDEX IX_ImportRecords_RunId", skipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_lines_of_a_claim_batch_are_found_through_the_ledger_s_key_with_the_keys_in_one_parameter()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        List<string> keys = ["1042", "1043", "1044"];

        var printed = await portal.InDatabaseAsync(db => Task.FromResult(EfIdLedger.Lines(db, Guid.NewGuid(), "HD Ticket", keys).ToQueryString()));
        var plan = await portal.InDatabaseAsync(db => PlanAsync(db, printed));

        // One parameter for the keys, whatever their number: the statement EF prepares is the same for every batch.
        Assert.Single(ParamLine().Matches(printed), p => keys.All(k => p.Groups[2].Value.Contains(k, StringComparison.Ordinal)));
        Assert.Contains("SEARCH i USING INDEX IX_IdMap_SiteId_Doctype_SourceKey (SiteId=? AND Doctype=? AND SourceKey=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN i", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removal_walks_the_run_s_records_by_their_key_and_forgets_each_ledger_line_through_the_ledger_s_key()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });

        var batch = await portal.InDatabaseAsync(db => RawPlanAsync(db, ImportPortal.Jobs.RemoveRunJob.NextBatchSql,
            ("$after", 0L), ("$last", 1000L), ("$run", "R"), ("$stage", 3), ("$succeeded", 3), ("$created", 1), ("$limit", 100)));
        var ledger = await portal.InDatabaseAsync(db => RawPlanAsync(db, EfIdLedger.ForgetSql,
            ("$rows", "[{\"doctype\":\"HD Ticket\",\"key\":\"1\",\"name\":\"0001\"}]"), ("$site", "S")));

        // One walk over the primary key between the run's first and last record: never the run's indexes, which hold
        // neither the id order nor the removal's outcome, so each batch would read the records done before it again.
        var created = await portal.InDatabaseAsync(db => PlanAsync(db, RunRemovals.Created(db, Guid.NewGuid()).Select(r => 1).ToQueryString()));

        // What is left to take back is counted from the dashboard's counting index alone.
        Assert.Contains("USING COVERING INDEX IX_ImportRecords_RunId_Stage_State_GroupKey_Sequence_Result", created, StringComparison.Ordinal);
        Assert.Contains("SEARCH ImportRecords USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)", batch, StringComparison.Ordinal);
        Assert.DoesNotContain("INDEX", batch, StringComparison.Ordinal);
        Assert.Contains("SEARCH m USING INDEX IX_IdMap_SiteId_Doctype_SourceKey (SiteId=? AND Doctype=? AND SourceKey=?)", ledger, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN m", ledger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_of_the_site_walks_the_run_s_records_by_their_key_and_counts_them_through_the_run_s_index()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        (string, object)[] checkedRecords =
        [
            ("$run", "R"), ("$succeeded", 3), ("$created", 1), ("$updated", 2), ("$existing", 3), ("$removed", 1), ("$stages", "[0,1,2]"),
        ];

        var next = await portal.InDatabaseAsync(db => RawPlanAsync(db, ImportPortal.Jobs.CheckRunJob.NextSql,
            [.. checkedRecords, ("$after", 0L), ("$last", 1000L), ("$limit", 400)]));
        var count = await portal.InDatabaseAsync(db => RawPlanAsync(db, ImportPortal.Jobs.CheckRunJob.CountSql, checkedRecords));

        // One walk over every stage between the run's first and last record, never a run's index (each batch would read
        // the records before it again); the count once, from the run's records alone.
        Assert.Contains("SEARCH ImportRecords USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)", next, StringComparison.Ordinal);
        Assert.DoesNotContain("INDEX IX_", next, StringComparison.Ordinal);
        Assert.Contains("USING INDEX IX_ImportRecords_RunId", count, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN ImportRecords", count, StringComparison.Ordinal);
    }

    private static async Task<string> RawPlanAsync(DbContext db, string sql, params (string Name, object Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter(name, value));
        }

        return await ExplainAsync(command);
    }

    /// <summary>SQLite's plan for the command EF sends for a query, its parameters bound as they are when it runs.</summary>
    private static async Task<string> BoundPlanAsync<T>(IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        Assert.Contains("@", command.CommandText, StringComparison.Ordinal);
        await command.Connection!.OpenAsync();
        return await ExplainAsync(command);
    }

    /// <summary>SQLite's plan for a query as EF prints it: its parameters (".param set @p value" lines) put back as literals.</summary>
    private static async Task<string> PlanAsync(DbContext db, string printed)
    {
        var lines = printed.Split('\n');
        var sql = string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (Match p in ParamLine().Matches(printed))
        {
            sql = Regex.Replace(sql, Regex.Escape(p.Groups[1].Value) + @"\b", p.Groups[2].Value.Replace("$", "$$", StringComparison.Ordinal));
        }

        Assert.DoesNotContain("@", sql, StringComparison.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await ExplainAsync(command);
    }

    /// <summary>SQLite's plan for the command as it stands (its parameters bound, if it has any), one line per step.</summary>
    private static async Task<string> ExplainAsync(System.Data.Common.DbCommand command)
    {
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.NotEmpty(plan);
        return string.Join('\n', plan);
    }

    [GeneratedRegex(@"^\.param set (@\w+) (.+?)\r?$", RegexOptions.Multiline)]
    private static partial Regex ParamLine();
}
