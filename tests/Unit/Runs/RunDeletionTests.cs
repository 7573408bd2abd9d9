using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Quiet;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RejectedTicketCsv = ImportPortal.Tests.Unit.Components.Runs.RejectedTicketCsv;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// A run that stands still can be deleted: it leaves the pages at once, a job removes its records and attempts, and the
/// id ledger stays, so the documents it created are never created again.
/// </summary>
public sealed class RunDeletionTests
{
    [Fact]
    public async Task A_deleted_run_leaves_the_pages_its_records_go_and_the_ledger_still_keeps_a_rerun_from_creating_anything()
    {
        await using var h = await RunsHarness.StartAsync();
        var csv = RejectedTicketCsv.Create(6, "Bình thường");
        var kept = await h.StartTicketRunAsync(csv);
        await h.ExecuteAsync(kept, TestContext.Current.CancellationToken);
        var same = (await h.Queries.StartedWithAsync(kept, CancellationToken.None))!.Value.Request;
        var deleted = await h.StartAsync(same.ProfileId, same.Bindings);
        await h.ExecuteAsync(deleted, TestContext.Current.CancellationToken);
        var keptRecords = (await h.RecordsAsync(kept)).Count;
        var ledger = await h.InDatabaseAsync(db => db.IdMap.CountAsync());
        Assert.NotEmpty(await h.RecordsAsync(deleted));
        Assert.NotEqual(0, await AttemptsAsync(h, kept));

        var result = await h.Runs.DeleteAsync("van.hanh", deleted, CancellationToken.None);

        // Gone from every page at once; the job that removes the records is queued.
        Assert.True(result.Succeeded, result.ErrorKey);
        Assert.Null(await h.Queries.GetAsync(deleted, CancellationToken.None));
        Assert.Equal([kept], (await h.Queries.ListAsync(0, 25, CancellationToken.None)).Items.Select(r => r.Id));
        Assert.Contains("DeleteRunRecordsJob.ExecuteAsync Enqueued", h.Jobs.Created);
        Assert.Equal("Runs.NotFound", (await h.Runs.RetryAsync("van.hanh", deleted, null, CancellationToken.None)).ErrorKey);
        Assert.Equal("Runs.NotFound", (await h.Runs.DeleteAsync("van.hanh", deleted, CancellationToken.None)).ErrorKey);

        // A restart before the job ran queues it again; once the records are gone, a restart queues nothing.
        var recovery = h.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RunRecovery>().Single();
        await recovery.StartAsync(CancellationToken.None);
        Assert.Equal(2, h.Jobs.Created.Count(j => j.StartsWith("DeleteRunRecordsJob", StringComparison.Ordinal)));

        // Three records a transaction, to go round the loop.
        await h.Services.GetRequiredService<DeleteRunRecordsJob>().ExecuteAsync(deleted, 3, CancellationToken.None);
        await recovery.StartAsync(CancellationToken.None);
        Assert.Equal(2, h.Jobs.Created.Count(j => j.StartsWith("DeleteRunRecordsJob", StringComparison.Ordinal)));

        Assert.Empty(await h.RecordsAsync(deleted));
        Assert.Equal(0, await AttemptsAsync(h, deleted));
        Assert.Equal(keptRecords, (await h.RecordsAsync(kept)).Count);
        Assert.NotEqual(0, await AttemptsAsync(h, kept));
        Assert.Equal(ledger, await h.InDatabaseAsync(db => db.IdMap.CountAsync()));
        // The row stays, so the next run does not take its number.
        var next = await h.StartAsync(same.ProfileId, same.Bindings);
        Assert.Equal(3, (await h.Queries.GetAsync(next, CancellationToken.None))!.Number);

        // The documents it made are still known: running the same upload again creates nothing.
        var writes = h.Writes();
        await h.ExecuteAsync(next, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(await h.RecordsAsync(next), r => r.Result == RecordResult.Created);
        Assert.Equal(writes, h.Writes());
    }

    [Fact]
    public async Task Deleting_a_run_gives_the_space_its_records_held_back_to_the_disk()
    {
        await using var h = await RunsHarness.StartAsync();
        var run = await h.StartTicketRunAsync(RejectedTicketCsv.Create(3, "Bình thường"));
        await h.ExecuteAsync(run, TestContext.Current.CancellationToken);
        // A dry run of a migration: thousands of planned records with their payloads (here 2,500 of 8 KB: 20 MB).
        var description = string.Concat(Enumerable.Repeat("Khách hàng không đăng nhập được vào cửa hàng. ", 180));
        await h.InDatabaseAsync(async db =>
        {
            db.ImportRecords.AddRange(Enumerable.Range(1, 2500).Select(i => new ImportRecord
            {
                RunId = run, Stage = RunStage.Tickets, Entity = ImportPortal.Domain.Mapping.EntityKind.Ticket, Doctype = "HD Ticket",
                SourceKey = $"kế-hoạch-{i}", Table = "tickets", Row = i, PayloadJson = $$"""{"subject":"Phiếu {{i}}","description":"{{description}}"}""",
            }));
            return await db.SaveChangesAsync();
        });
        var before = await FileSizeAsync(h);

        Assert.True((await h.Runs.DeleteAsync("van.hanh", run, CancellationToken.None)).Succeeded);
        await h.Services.GetRequiredService<DeleteRunRecordsJob>().ExecuteAsync(run, CancellationToken.None);
        var after = await FileSizeAsync(h);

        Assert.Equal(DatabaseSpace.Incremental, await h.InDatabaseAsync(db => DatabaseSpace.AutoVacuumAsync(db, CancellationToken.None)));
        Assert.True(before - after > 15_000_000, $"the database file went from {before:N0} to {after:N0} bytes");
        Assert.Contains(h.Logs.Lines, l => l.Contains("MB given back to the disk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_made_before_space_was_given_back_is_rebuilt_once_to_give_it_back()
    {
        await using var h = await RunsHarness.StartAsync();
        await h.InDatabaseAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            return await db.Database.ExecuteSqlRawAsync("PRAGMA auto_vacuum=NONE; VACUUM;");
        });
        Assert.NotEqual(DatabaseSpace.Incremental, await h.InDatabaseAsync(db => DatabaseSpace.AutoVacuumAsync(db, CancellationToken.None)));

        Assert.True(await h.InDatabaseAsync(db => DatabaseSpace.MakeReclaimableAsync(db, CancellationToken.None)));
        Assert.False(await h.InDatabaseAsync(db => DatabaseSpace.MakeReclaimableAsync(db, CancellationToken.None)));
        Assert.Equal(DatabaseSpace.Incremental, await h.InDatabaseAsync(db => DatabaseSpace.AutoVacuumAsync(db, CancellationToken.None)));
    }

    /// <summary>The database as it takes the disk: the file and its write-ahead log.</summary>
    private static Task<long> FileSizeAsync(RunsHarness h)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = Path.Combine(h.DataDir, "portal.db");
        return Task.FromResult(new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0));
    }

    [Fact]
    public async Task A_run_a_job_works_on_or_whose_site_is_not_put_back_yet_is_not_deleted()
    {
        await using var h = await RunsHarness.StartAsync();
        var queued = await h.StartTicketRunAsync(RejectedTicketCsv.Create(3, "Bình thường"));
        Assert.Equal("Runs.NotNow", (await h.Runs.DeleteAsync("van.hanh", queued, CancellationToken.None)).ErrorKey);

        await h.ExecuteAsync(queued, TestContext.Current.CancellationToken);
        // As a run leaves it when putting the site back failed at its end: the settings are still the run's to restore.
        await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.QuietJson, StoredJson.Write(new SiteQuietState { Phase = QuietPhase.Silenced }))));
        Assert.Equal("Runs.DeleteQuietPending", (await h.Runs.DeleteAsync("van.hanh", queued, CancellationToken.None)).ErrorKey);

        Assert.NotNull(await h.Queries.GetAsync(queued, CancellationToken.None));
        Assert.NotEmpty(await h.RecordsAsync(queued));
    }

    private static Task<int> AttemptsAsync(RunsHarness h, Guid runId) =>
        h.InDatabaseAsync(db => db.RecordAttempts.CountAsync(a => db.ImportRecords.Any(r => r.Id == a.RecordId && r.RunId == runId)));
}
