using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Persistence;

/// <summary>
/// Gives the disk back what deleted runs held. The database keeps a list of its free pages (auto_vacuum=INCREMENTAL,
/// set when the file is created); after a run's records are deleted those pages are cut off the end of the file a
/// few megabytes at a time, so other writers wait for none of it long. A dry run of a migration holds about a gigabyte.
/// </summary>
internal static class DatabaseSpace
{
    /// <summary>SQLite's value of <c>PRAGMA auto_vacuum</c> for INCREMENTAL.</summary>
    public const int Incremental = 2;

    /// <summary>Frees up to 4,096 pages per statement: 16 MB with SQLite's default 4 KB pages.</summary>
    private const string FreeStep = "PRAGMA incremental_vacuum(4096)";

    public static async Task<long> AutoVacuumAsync(PortalDbContext db, CancellationToken ct) =>
        await ScalarAsync(db, "PRAGMA auto_vacuum", ct);

    /// <summary>
    /// A database made before the portal set auto_vacuum is rebuilt once with it (VACUUM: the time of copying the file,
    /// at start-up, before any request or job). Returns whether it was.
    /// </summary>
    public static async Task<bool> MakeReclaimableAsync(PortalDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await AutoVacuumAsync(db, ct) == Incremental)
        {
            return false;
        }

        // One command: the setting must be on the connection that rebuilds.
        await db.Database.ExecuteSqlRawAsync("PRAGMA auto_vacuum=INCREMENTAL; VACUUM;", ct);
        return true;
    }

    /// <summary>Cuts the free pages off the end of the file, a step at a time, then folds the log in. Returns the bytes given back.</summary>
    public static async Task<long> ReclaimAsync(PortalDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var pageSize = await ScalarAsync(db, "PRAGMA page_size", ct);
            var free = await ScalarAsync(db, "PRAGMA freelist_count", ct);
            var before = free;
            while (free > 0)
            {
                await db.Database.ExecuteSqlRawAsync(FreeStep, ct);
                var left = await ScalarAsync(db, "PRAGMA freelist_count", ct);
                if (left >= free)
                {
                    // Not an incremental database (made before the portal set it): the pages stay for later runs.
                    break;
                }

                free = left;
            }

            // In WAL mode the file shrinks when the log is folded into it; readers in the middle of a page may defer that.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
            return (before - free) * pageSize;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> ScalarAsync(PortalDbContext db, string pragma, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = pragma;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
