namespace ImportPortal.Domain.Sources;

/// <summary>
/// Opens the reader that fits a sniffed format. Each read opens the upload again through the given function
/// (a seekable file stream for XLSX and ZIP), so the upload is never held in memory.
/// </summary>
public static class SourceReaderFactory
{
    public static Task<ISourceReader> OpenAsync(SourceFormat format, string path, SourceReadOptions? options = null, CancellationToken ct = default) =>
        OpenAsync(format, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan), options, ct);

    public static async Task<ISourceReader> OpenAsync(SourceFormat format, Func<Stream> openStream, SourceReadOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(openStream);
        options ??= SourceReadOptions.Default;
        if (format.Error is { } error)
        {
            throw new SourceFormatException(error);
        }

        return format.Kind switch
        {
            SourceFileKind.Csv => await CsvSourceReader.OpenAsync(format, openStream, options, ct),
            SourceFileKind.Xlsx or SourceFileKind.Xls => await XlsxSourceReader.OpenAsync(format, openStream, options, ct),
            SourceFileKind.Json or SourceFileKind.Ndjson => new JsonSourceReader(format, openStream, options),
            SourceFileKind.Zip => OpenArchiveTable(format, openStream, options),
            _ => throw Problems.Fatal(SourceProblemCodes.Binary, format.File, null, null),
        };
    }

    /// <summary>
    /// The tables an upload holds, to read one by one: a Freshdesk archive's, a workbook's sheets; one unnamed table
    /// (null) for everything else.
    /// </summary>
    public static async Task<IReadOnlyList<string?>> TablesAsync(SourceFormat format, string path, SourceReadOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Kind switch
        {
            SourceFileKind.Zip when format.Tables.Count > 0 => [.. format.Tables],
            SourceFileKind.Xlsx or SourceFileKind.Xls when format.Error is null =>
                [.. await XlsxSourceReader.SheetNamesAsync(format, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan), options ?? SourceReadOptions.Default, ct)],
            _ => [null],
        };
    }

    // A ZIP is read as a Freshdesk account export; the table option picks "tickets" (the default), "users", ...
    private static ISourceReader OpenArchiveTable(SourceFormat format, Func<Stream> openStream, SourceReadOptions options)
    {
        var archive = FreshdeskArchive.Open(format, openStream, options);
        return archive.OpenTable(options.Table ?? archive.Tables[0]);
    }
}
