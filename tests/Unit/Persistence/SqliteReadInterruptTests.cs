using ImportPortal.Persistence;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Persistence;

/// <summary>The portal's database through its real registration, in a real SQLite file.</summary>
public sealed class SqliteReadInterruptTests
{
    // About half a minute of SQLite's work on this machine; its caller gives up on its thousandth row, well under way.
    private const string LongCount =
        "SELECT (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c WHERE gives_up_at(x) > 0) AS Value";

    // Well under the read's uninterrupted time: a read that was not interrupted fails the test by this bound.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_its_caller_gives_up_stops_at_once_and_the_connection_reads_on()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        using var closing = GivesUpMidway(db);

        // SQLite's async calls complete synchronously: the read runs on a thread of its own, as a page's does.
        var read = Task.Run(() => db.Database.SqlQueryRaw<long>(LongCount).ToListAsync(closing.Token), Ct);

        var given = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Bound, Ct));
        var interrupted = Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(given.InnerException);
        Assert.Equal(SQLitePCL.raw.SQLITE_INTERRUPT, interrupted.SqliteErrorCode);
        // The interrupt ended with its read: the same connection answers the next one.
        Assert.Equal([3L], await db.Database.SqlQueryRaw<long>("SELECT 1 + 2 AS Value").ToListAsync(Ct));
        Assert.Equal(0, await db.AuditEvents.CountAsync(Ct));
    }

    [Fact]
    public async Task A_read_nobody_gives_up_returns_its_rows_as_before()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        db.AuditEvents.AddRange(Enumerable.Range(1, 3).Select(i => new AuditEvent
        {
            At = DateTimeOffset.UnixEpoch.AddMinutes(i), Actor = "quan.tri", Action = "site.added", Subject = $"Hỗ trợ Haravan {i}", Detail = "",
        }));
        await db.SaveChangesAsync(Ct);
        using var open = new CancellationTokenSource();

        var subjects = await db.AuditEvents.OrderByDescending(e => e.Id).Select(e => e.Subject).ToListAsync(open.Token);

        Assert.Equal(["Hỗ trợ Haravan 3", "Hỗ trợ Haravan 2", "Hỗ trợ Haravan 1"], subjects);
    }

    [Fact]
    public async Task A_write_is_never_interrupted_even_when_its_caller_gives_up()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct);
        using var closing = GivesUpMidway(db);

        // A write that reads its keys back through a reader, as EF's inserts do: every row goes in, or the file is inconsistent.
        const string Insert =
            "INSERT INTO AuditEvents (At, Actor, Action, Subject, Detail) " +
            "SELECT '2026-12-02 07:00:00+07:00', 'quan.tri', 'site.added', 'Hỗ trợ Haravan ' || gives_up_at(x), '' " +
            "FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 400000) SELECT x FROM c) RETURNING Id AS Value";
        var write = Task.Run(() => db.Database.SqlQueryRaw<long>(Insert).ToListAsync(closing.Token), Ct);
        try
        {
            await write.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        }
        catch (OperationCanceledException)
        {
            // Reading the keys back may stop; the rows are in either way.
        }

        Assert.True(closing.IsCancellationRequested);
        Assert.Equal(400_000, await db.AuditEvents.CountAsync(Ct));
    }

    // The statement's thousandth row gives up on it, from inside SQLite: no race with the statement's start.
    private static CancellationTokenSource GivesUpMidway(PortalDbContext db)
    {
        var closing = new CancellationTokenSource();
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        connection.CreateFunction("gives_up_at", (long x) =>
        {
            if (x == 1000)
            {
                closing.Cancel();
            }

            return x;
        });
        return closing;
    }

    [Theory]
    [InlineData("SELECT \"r\".\"Id\" FROM \"ImportRecords\" AS \"r\"", true)]
    [InlineData("\n  select count(*) from ImportRecords", true)]
    [InlineData("INSERT INTO \"AuditEvents\" (\"Action\") VALUES (@p0) RETURNING \"Id\";", false)]
    [InlineData("UPDATE ImportRecords SET State = 1 WHERE Id IN (SELECT value FROM json_each($ids)) RETURNING Id", false)]
    [InlineData("WITH claimed AS (SELECT Id FROM ImportRecords) UPDATE ImportRecords SET State = 2", false)]
    [InlineData("", false)]
    public void Only_a_select_is_a_read_the_portal_may_interrupt(string sql, bool read) =>
        Assert.Equal(read, SqliteReadInterrupt.IsRead(sql));
}
