namespace ImportPortal.Domain.Sources;

/// <summary>
/// How to read a source. <see cref="Table"/> picks the XLSX sheet, the JSON list (a property of the top object)
/// or the Freshdesk archive table ("tickets", "users", "companies", "groups"); null takes the first.
/// A cell longer than <see cref="MaxCellChars"/> is cut with a warning; a CSV record longer than
/// <see cref="MaxRecordChars"/> (almost always a quote that never closes) stops the read.
/// </summary>
public sealed record SourceReadOptions(
    string? Table = null,
    int MaxColumns = 16_384,
    int MaxCellChars = 1_000_000,
    int MaxRecordChars = 16 * 1024 * 1024,
    int MaxJsonDepth = 64,
    ZipLimits? Zip = null)
{
    public static SourceReadOptions Default { get; } = new();

    public ZipLimits Zip { get; init; } = Zip ?? ZipLimits.Default;
}
