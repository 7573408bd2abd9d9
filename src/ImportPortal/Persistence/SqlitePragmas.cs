using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ImportPortal.Persistence;

/// <summary>
/// Every connection to the portal's database runs in write-ahead-log mode: a run's outcome writes, its claims, the
/// heartbeat and the pages that read them no longer wait for each other, and a commit is one append to the log
/// instead of a rollback journal created, synced and deleted. <c>synchronous=NORMAL</c> is WAL's durable setting
/// against a process crash (SIGKILL included); only a power cut may lose the last commits, never corrupt the file.
/// The data folder must be on a local disk (WAL needs shared memory).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // The journal mode and auto_vacuum are kept in the database file: set once per file and process. synchronous is per connection.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _walFiles = new(StringComparer.Ordinal);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string PragmasFor(DbConnection connection) =>
        // A read-only connection (EF opens one at start-up to see whether the file exists) may write no setting into
        // the file; the first writable one does.
        !IsReadOnly(connection) && _walFiles.TryAdd(connection.DataSource, true)
            // auto_vacuum takes effect only in a file with no table yet (a new portal), where it must come first.
            ? "PRAGMA auto_vacuum=INCREMENTAL; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
            : "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    private static bool IsReadOnly(DbConnection connection) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString).Mode == Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly;
}
