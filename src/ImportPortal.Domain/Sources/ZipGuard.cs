using System.Globalization;
using System.IO.Compression;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Opens an uploaded ZIP (a Freshdesk export or an XLSX) within <see cref="ZipLimits"/>: entry count from the
/// central directory, then the declared sizes, then, while entries are read, the bytes actually inflated.
/// Entry names are only ever compared, never turned into paths.
/// </summary>
internal sealed class ZipGuard(string file, ZipLimits limits)
{
    private readonly ByteCounter inflated = new();

    public ZipArchive Open(Stream stream, string corruptCode = SourceProblemCodes.ZipCorrupt)
    {
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new ArgumentException("A ZIP upload must be read from a seekable stream (the stored file), never buffered.", nameof(stream));
        }

        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw Problems.Fatal(ex, corruptCode, file, null, null, ex.Message);
        }

        try
        {
            CheckDeclared(archive);
            return archive;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>The entry's content, counted as it inflates against the archive's total and the entry's ratio.</summary>
    public Stream OpenEntry(ZipArchiveEntry entry) => new InflateLimitStream(entry.Open(), entry.FullName, entry.CompressedLength, this);

    /// <summary>Inflates every entry once, counting, without keeping anything: for archives read by other libraries.</summary>
    public async Task InflateAllAsync(ZipArchive archive, CancellationToken ct)
    {
        var buffer = new byte[81920];
        foreach (var entry in archive.Entries)
        {
            await using var content = OpenEntry(entry);
            while (await content.ReadAsync(buffer, ct) > 0)
            {
            }
        }
    }

    internal void Count(string entry, long entryBytes, long compressed, int justRead)
    {
        inflated.Add(justRead);
        if (inflated.Count > limits.MaxTotalBytes)
        {
            throw TooLarge(entry);
        }

        if (TooCompressed(entryBytes, compressed))
        {
            throw RatioTooHigh(entry);
        }
    }

    private void CheckDeclared(ZipArchive archive)
    {
        if (archive.Entries.Count > limits.MaxEntries)
        {
            throw Problems.Fatal(SourceProblemCodes.ZipTooManyEntries, file, null, null,
                Problems.Number(archive.Entries.Count), Problems.Number(limits.MaxEntries));
        }

        long declared = 0;
        foreach (var entry in archive.Entries)
        {
            declared += entry.Length;
            if (declared > limits.MaxTotalBytes)
            {
                throw TooLarge(entry.FullName);
            }

            if (TooCompressed(entry.Length, entry.CompressedLength))
            {
                throw RatioTooHigh(entry.FullName);
            }
        }
    }

    private bool TooCompressed(long bytes, long compressed) =>
        bytes > limits.MinBytesForRatio && bytes > Math.Max(compressed, 1) * limits.MaxRatio;

    private SourceFormatException TooLarge(string entry) =>
        Problems.Fatal(SourceProblemCodes.ZipTooLarge, file, null, null, Shown(entry),
            (limits.MaxTotalBytes / (1024.0 * 1024)).ToString("0.##", CultureInfo.InvariantCulture));

    private SourceFormatException RatioTooHigh(string entry) =>
        Problems.Fatal(SourceProblemCodes.ZipRatioTooHigh, file, null, null, Shown(entry), limits.MaxRatio.ToString(CultureInfo.InvariantCulture));

    // Entry names are shown to the operator, so keep them short and printable.
    internal static string Shown(string entry)
    {
        var printable = new string([.. entry.Select(c => char.IsControl(c) ? '?' : c)]);
        return printable.Length <= 120 ? printable : printable[..120] + "…";
    }
}
