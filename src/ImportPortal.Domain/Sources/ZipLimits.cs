namespace ImportPortal.Domain.Sources;

/// <summary>
/// Guards against ZIP bombs, counted on the bytes actually inflated (header sizes are not trusted).
/// <see cref="MinBytesForRatio"/> spares tiny, very compressible entries from the ratio rule.
/// </summary>
public sealed record ZipLimits(
    int MaxEntries = 10_000,
    long MaxTotalBytes = 20L * 1024 * 1024 * 1024,
    double MaxRatio = 100,
    long MinBytesForRatio = 1024 * 1024)
{
    public static ZipLimits Default { get; } = new();
}
