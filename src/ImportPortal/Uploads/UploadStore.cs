using System.Buffers;
using System.Security.Cryptography;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Sources;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Uploads;

/// <summary>
/// Streams uploaded files into the data folder under random names while hashing them; never holds a file in memory,
/// never leaves a half-written file behind, and recognises a file uploaded before by its SHA-256.
/// </summary>
public sealed class UploadStore(
    IDbContextFactory<PortalDbContext> databases,
    IOptions<PortalOptions> portal,
    IOptions<UploadOptions> options,
    TimeProvider time)
{
    private const int BufferSize = 128 * 1024;

    public string Folder => Path.Combine(portal.Value.DataDirFullPath, "uploads");

    public long MaxFileBytes => options.Value.MaxFileBytes;

    public async Task<UploadOutcome> SaveAsync(Stream content, string originalName, string uploadedBy, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(Folder);
        var incoming = Path.Combine(Folder, ".incoming-" + RandomName());
        try
        {
            var (size, sha) = await CopyAndHashAsync(content, incoming, progress, ct);
            if (size == TooLarge)
            {
                return new UploadOutcome(null, false, "Uploads.TooLarge", FormatSize(MaxFileBytes));
            }

            if (size == NoRoom)
            {
                return NoRoomOutcome;
            }

            if (size == 0)
            {
                return new UploadOutcome(null, false, "Uploads.Empty");
            }

            return await RegisterAsync(incoming, DisplayName(originalName), uploadedBy, size, sha, ct);
        }
        catch (Exception error) when (DiskFull.Is(error))
        {
            return new UploadOutcome(null, false, "Uploads.DiskFull");
        }
        finally
        {
            // Whatever happened (refused, cancelled, the connection dropped), no partial file stays behind.
            File.Delete(incoming);
        }
    }

    public async Task<(IReadOnlyList<Upload> Rows, int Total)> ListAsync(int skip, int take, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var total = await db.Uploads.CountAsync(ct);
        var rows = await db.Uploads.AsNoTracking().OrderByDescending(u => u.UploadedAt).Skip(skip).Take(take).ToListAsync(ct);
        return (rows, total);
    }

    public async Task<Upload?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Uploads.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
    }

    /// <summary>Opens the stored file for reading; the path is built from our random name only.</summary>
    public FileStream OpenRead(Upload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return new FileStream(PathOf(upload), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    public string PathOf(Upload upload) => Path.Combine(Folder, Path.GetFileName(upload.StoredName));

    /// <summary>What the upload's bytes are, honouring the operator's encoding and delimiter choice when there is one.</summary>
    public async Task<SourceFormat> SniffAsync(Upload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var overrides = upload.EncodingOverride is null && upload.DelimiterOverride is null
            ? null
            : new SniffOverrides(upload.EncodingOverride, upload.DelimiterOverride is { Length: 1 } d ? d[0] : null);
        await using var stream = OpenRead(upload);
        return await SourceSniffer.SniffAsync(stream, upload.OriginalName, overrides, ct);
    }

    /// <summary>Stores the operator's encoding and delimiter choice (null = detect) for the next read.</summary>
    public async Task SetOverridesAsync(Guid id, string? encoding, string? delimiter, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.Uploads.Where(u => u.Id == id).ExecuteUpdateAsync(
            u => u.SetProperty(x => x.EncodingOverride, encoding).SetProperty(x => x.DelimiterOverride, delimiter).SetProperty(x => x.State, UploadState.Profiling), ct);
    }

    public async Task<bool> DeleteAsync(string actor, Guid id, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.Uploads.FirstOrDefaultAsync(u => u.Id == id, ct) is not { } upload)
        {
            return false;
        }

        db.Uploads.Remove(upload);
        Audit(db, actor, "upload.deleted", upload);
        await db.SaveChangesAsync(ct);
        File.Delete(PathOf(upload));
        return true;
    }

    /// <summary>
    /// Whether the data folder's disk still has <see cref="UploadOptions.KeepFreeBytes"/> free once
    /// <paramref name="more"/> bytes are written to it; a disk whose space cannot be read is given the benefit of the doubt.
    /// </summary>
    public bool HasRoomFor(long more)
    {
        Directory.CreateDirectory(Folder);
        return DataFolderSpace.FreeBytes(Folder) is not { } free || free - more >= options.Value.KeepFreeBytes;
    }

    /// <summary>Why an upload was refused before it was stored: the disk would keep too little free.</summary>
    public UploadOutcome NoRoomOutcome => new(null, false, "Uploads.NoRoom", FormatSize(options.Value.KeepFreeBytes));

    private const long TooLarge = -1;
    private const long NoRoom = -2;

    // The disk's free space is read again after each of these (a cheap statvfs), while the file streams in.
    private const long RoomCheckEvery = 64L * 1024 * 1024;

    private async Task<(long Size, string Sha)> CopyAndHashAsync(Stream content, string target, IProgress<long>? progress, CancellationToken ct)
    {
        if (!HasRoomFor(0))
        {
            return (NoRoom, "");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                total += read;
                if (total > MaxFileBytes)
                {
                    return (TooLarge, "");
                }

                if (total / RoomCheckEvery != (total - read) / RoomCheckEvery && !HasRoomFor(0))
                {
                    return (NoRoom, "");
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
                progress?.Report(total);
            }

            await file.FlushAsync(ct);
            return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<UploadOutcome> RegisterAsync(string incoming, string name, string uploadedBy, long size, string sha, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.Uploads.AsNoTracking().FirstOrDefaultAsync(u => u.Sha256 == sha, ct) is { } existing)
        {
            return new UploadOutcome(existing.Id, true, null);
        }

        var upload = new Upload
        {
            Id = Guid.NewGuid(),
            OriginalName = name,
            StoredName = RandomName() + ".upload",
            Size = size,
            Sha256 = sha,
            UploadedBy = uploadedBy,
            UploadedAt = time.GetUtcNow(),
            State = UploadState.Stored,
        };
        File.Move(incoming, PathOf(upload));
        db.Uploads.Add(upload);
        Audit(db, uploadedBy, "upload.created", upload);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same file finished uploading in another tab a moment earlier: the unique hash refused this copy.
            File.Delete(PathOf(upload));
            await using var fresh = await databases.CreateDbContextAsync(CancellationToken.None);
            var raced = await fresh.Uploads.AsNoTracking().FirstOrDefaultAsync(u => u.Sha256 == sha, CancellationToken.None);
            if (raced is null)
            {
                throw;
            }

            return new UploadOutcome(raced.Id, true, null);
        }

        return new UploadOutcome(upload.Id, false, null);
    }

    private void Audit(PortalDbContext db, string actor, string action, Upload upload) =>
        new AuditLog(db, time).Record(actor, action, upload.OriginalName,
            new PortalText(AuditTexts.UploadFile, upload.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), upload.Sha256));

    private static string RandomName() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The browser's file name, reduced to something safe to display: no folders, no control characters, bounded.</summary>
    private static string DisplayName(string name)
    {
        var leaf = name.Replace('\\', '/').Split('/').LastOrDefault(p => p.Length > 0) ?? "upload";
        var clean = new string(leaf.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "upload" : clean.Length > 255 ? clean[..255] : clean;
    }

    public static string FormatSize(long bytes) =>
        bytes >= 1L << 40 ? $"{bytes / (double)(1L << 40):0.#} TB"
        : bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.#} GB"
        : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.#} MB"
        : bytes >= 1L << 10 ? $"{bytes / 1024d:0.#} KB"
        : $"{bytes} B";
}
