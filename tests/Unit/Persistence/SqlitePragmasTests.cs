using ImportPortal.Persistence;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Persistence;

public sealed class SqlitePragmasTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_portal_database_runs_in_write_ahead_log_mode_and_a_reader_sees_the_last_commit_while_a_write_is_open()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        var databases = portal.Get<IDbContextFactory<PortalDbContext>>();

        await using var writer = await databases.CreateDbContextAsync(Ct);
        await writer.Database.OpenConnectionAsync(Ct);
        var mode = await Scalar(writer, "PRAGMA journal_mode");
        var synchronous = await Scalar(writer, "PRAGMA synchronous");
        var busyTimeout = await Scalar(writer, "PRAGMA busy_timeout");
        await using var write = await writer.Database.BeginTransactionAsync(Ct);
        writer.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UnixEpoch, Actor = "test", Action = "write", Subject = "wal", Detail = "held open" });
        await writer.SaveChangesAsync(Ct);

        // A page reading the dashboard while the run writes its outcomes: it gets the last committed state at once.
        await using var reader = await databases.CreateDbContextAsync(Ct);
        var seen = await reader.AuditEvents.CountAsync(Ct);
        await write.CommitAsync(Ct);

        Assert.Equal("wal", mode);
        Assert.Equal("1", synchronous); // NORMAL
        // A second writer waits in SQLite for the commit; without it, Microsoft.Data.Sqlite retries a locked write after
        // sleeping 150 ms, and a run's claiming stalled that long behind each outcome batch.
        Assert.Equal("30000", busyTimeout);
        Assert.Equal(0, seen);
        Assert.Equal(1, await reader.AuditEvents.CountAsync(Ct));
    }

    [Fact]
    public async Task A_restarted_portal_opens_its_database_read_only_first_and_still_migrates_it()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        var path = Path.Combine(portal.DataDir, PersistenceServiceCollectionExtensions.DatabaseFileName);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // A new process: its interceptor has set nothing yet, and EF first asks whether the file exists through a
        // read-only connection, where writing a setting into the file fails.
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite($"Data Source={path};Foreign Keys=True").AddInterceptors(new SqlitePragmas()).Options;
        await using var restarted = new PortalDbContext(options);
        await restarted.Database.MigrateAsync(Ct);
        await restarted.Database.OpenConnectionAsync(Ct);

        Assert.Equal("wal", await Scalar(restarted, "PRAGMA journal_mode"));
        Assert.Equal("2", await Scalar(restarted, "PRAGMA auto_vacuum")); // INCREMENTAL
    }

    private static async Task<string> Scalar(PortalDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
