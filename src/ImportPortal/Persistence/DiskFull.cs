using Microsoft.Data.Sqlite;

namespace ImportPortal.Persistence;

/// <summary>
/// A disk that filled up under a write, told apart from every other failure: the file system's refusal (ENOSPC on
/// Linux, disk full on Windows) or SQLite's (SQLITE_FULL), anywhere in the exception's causes. Such a failure is the
/// server's, and says what to free; it is never a broken connection or an unreachable host.
/// </summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int SqliteFull = 13;

    public static bool Is(Exception? error)
    {
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is IOException { HResult: Enospc or WindowsDiskFull or WindowsHandleDiskFull } or SqliteException { SqliteErrorCode: SqliteFull })
            {
                return true;
            }
        }

        return false;
    }
}
