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

    // A ZIP is read as a Freshdesk account export; the table option picks "tickets" (the default), "users", ...
    private static ISourceReader OpenArchiveTable(SourceFormat format, Func<Stream> openStream, SourceReadOptions options)
    {
        var archive = FreshdeskArchive.Open(format, openStream, options);
        return archive.OpenTable(options.Table ?? archive.Tables[0]);
    }
}
