using Microsoft.Data.Sqlite;

namespace ImportPortal.Runs;

/// <summary>
/// What a run that stopped on an error of the portal's own shows as its cause: the database's refusal said plainly
/// (a full disk above all, the likeliest on a migration's tens of millions of rows), anything else by its type and
/// message, for the operator to find in the portal's log.
/// </summary>
public static class PortalFailure
{
    // SQLite's primary result codes (sqlite3.h).
    private const int Full = 13;
    private const int IoError = 10;
    private const int ReadOnly = 8;
    private const int Corrupt = 11;

    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is SqliteException sqlite)
            {
                return sqlite.SqliteErrorCode switch
                {
                    Full => $"the portal's database could not grow: the disk of its data folder is full (SQLite {sqlite.SqliteErrorCode}: {sqlite.Message})",
                    IoError => $"the portal's database could not be read or written: the disk of its data folder failed or is full (SQLite {sqlite.SqliteErrorCode}: {sqlite.Message})",
                    ReadOnly => $"the portal's database is read-only: the portal's user cannot write its data folder (SQLite {sqlite.SqliteErrorCode}: {sqlite.Message})",
                    Corrupt => $"the portal's database file is damaged (SQLite {sqlite.SqliteErrorCode}: {sqlite.Message})",
                    _ => $"the portal's database refused a write (SQLite {sqlite.SqliteErrorCode}: {sqlite.Message})",
                };
            }
        }

        return $"an unexpected error in the portal ({error.GetType().Name}: {error.Message})";
    }
}
