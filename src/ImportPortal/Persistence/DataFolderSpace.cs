using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Persistence;

/// <summary>What the data folder holds and what its disk has left: the portal's database, the uploads, the free space.</summary>
/// <param name="FreeBytes">Free on the data folder's disk; null when it cannot be read.</param>
/// <param name="KeepFreeBytes">What an upload must leave free (<see cref="UploadOptions.KeepFreeBytes"/>).</param>
public sealed record DataFolderUse(long? FreeBytes, long DatabaseBytes, long UploadBytes, long KeepFreeBytes)
{
    /// <summary>Low: less than four times what the portal keeps free, time to delete what is no longer needed.</summary>
    public bool Low => FreeBytes is { } free && free < KeepFreeBytes * 4;
}

/// <summary>
/// Reads the data folder's use, for the pages where space is taken and given back (uploads, runs) and for /health: a
/// migration's database and exports take gigabytes, and a full disk stops a run.
/// </summary>
public sealed class DataFolderSpace(IOptions<PortalOptions> portal, IOptions<UploadOptions> uploads, IDbContextFactory<PortalDbContext> databases)
{
    public async Task<DataFolderUse> ReadAsync(CancellationToken ct)
    {
        var folder = portal.Value.DataDirFullPath;
        var database = Path.Combine(folder, PersistenceServiceCollectionExtensions.DatabaseFileName);
        await using var db = await databases.CreateDbContextAsync(ct);
        var uploaded = await db.Uploads.SumAsync(u => (long?)u.Size, ct) ?? 0;
        return new DataFolderUse(FreeBytes(folder), SizeOf(database) + SizeOf(database + "-wal"), uploaded, uploads.Value.KeepFreeBytes);
    }

    /// <summary>Free bytes on the disk of <paramref name="folder"/> (which must exist); null when the system does not say.</summary>
    public static long? FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception unreadable) when (unreadable is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
