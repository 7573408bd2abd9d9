using System.Runtime.CompilerServices;
using Sylvan.Data.Csv;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Streams a delimited text file with Sylvan: quoted multi-line cells, CRLF or LF, the sniffed encoding and
/// delimiter. Header row = row 1. Empty and repeated headers are renamed and reported; short or long rows are
/// read (missing cells empty, extra cells dropped) and reported with their row number.
/// </summary>
internal sealed class CsvSourceReader : ISourceReader
{
    private readonly Func<Stream> openStream;
    private readonly SourceReadOptions options;
    private readonly ByteCounter counter = new();

    private CsvSourceReader(SourceFormat format, Func<Stream> openStream, SourceReadOptions options, SourceSchema columns)
    {
        (Format, this.openStream, this.options, Columns) = (format, openStream, options, columns);
    }

    public SourceFormat Format { get; }

    public string Table => "";

    public SourceSchema Columns { get; }

    public SourceProblemLog Problems { get; } = new();

    public long BytesRead => counter.Count;

    public static async Task<CsvSourceReader> OpenAsync(SourceFormat format, Func<Stream> openStream, SourceReadOptions options, CancellationToken ct)
    {
        var problems = new SourceProblemLog();
        await using var csv = await CreateAsync(format, openStream(), options, ct);
        var reader = new CsvSourceReader(format, openStream, options, new SourceSchema(HeaderNames.MakeUnique(Headers(csv, format, options), format.File, problems)));
        reader.Problems.ReportAll(problems.Items);
        return reader;
    }

    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        counter.Reset();
        await using var csv = await CreateAsync(Format, new CountingStream(openStream(), counter), options, ct);
        var width = Columns.Count;
        var cells = new CellText(Format.File, Problems, options.MaxCellChars, compose: IsVietnameseCodePage(Format));
        long row = 1;
        while (await NextAsync(csv, row, ct))
        {
            row++;
            var count = csv.RowFieldCount;
            if (count != width && !(count == 1 && csv.GetFieldSpan(0).IsEmpty))
            {
                Problems.Report(Sources.Problems.Warning(SourceProblemCodes.RaggedRow, Format.File, row, null, Sources.Problems.Number(width), Sources.Problems.Number(count)));
            }

            var values = new SourceValue[width];
            var n = Math.Min(count, width);
            for (var i = 0; i < n; i++)
            {
                values[i] = new SourceValue(cells.Clean(csv.GetString(i), row, Columns.Names[i]));
            }

            yield return new SourceRecord(new SourceLocator(Format.File, row), Columns, values);
        }

        if (row == 1)
        {
            Problems.Report(Sources.Problems.Warning(SourceProblemCodes.NoRows, Format.File, null, null));
        }
    }

    private static async Task<CsvDataReader> CreateAsync(SourceFormat format, Stream stream, SourceReadOptions options, CancellationToken ct)
    {
        var text = new StreamReader(stream, SourceSniffer.EncodingOf(format), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var settings = new CsvDataReaderOptions
        {
            Delimiter = format.Delimiter ?? ',',
            HasHeaders = true,
            BufferSize = 1 << 16,
            MaxBufferSize = Math.Max(options.MaxRecordChars, 1 << 16),
            OwnsReader = true,
        };
        try
        {
            return await CsvDataReader.CreateAsync(text, settings, ct);
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvRecordTooLargeException)
        {
            text.Dispose();
            throw Translate(ex, format.File, 0, null, options);
        }
    }

    private static List<string?> Headers(CsvDataReader csv, SourceFormat format, SourceReadOptions options)
    {
        if (csv.FieldCount > options.MaxColumns)
        {
            throw Sources.Problems.Fatal(SourceProblemCodes.TooManyColumns, format.File, null, null,
                Sources.Problems.Number(csv.FieldCount), Sources.Problems.Number(options.MaxColumns));
        }

        return [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetName)];
    }

    private async ValueTask<bool> NextAsync(CsvDataReader csv, long row, CancellationToken ct)
    {
        try
        {
            return await csv.ReadAsync(ct);
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvRecordTooLargeException)
        {
            throw Translate(ex, Format.File, row, Columns, options);
        }
    }

    // The row being read when Sylvan gave up is the one after the last good row.
    private static SourceFormatException Translate(Exception ex, string file, long lastRow, SourceSchema? columns, SourceReadOptions options)
    {
        var row = lastRow + 1;
        if (ex is CsvRecordTooLargeException)
        {
            return Sources.Problems.Fatal(ex, SourceProblemCodes.RecordTooLarge, file, row, null, Sources.Problems.Number(options.MaxRecordChars));
        }

        var ordinal = ((CsvFormatException)ex).FieldOrdinal;
        var column = columns is not null && ordinal >= 0 && ordinal < columns.Count
            ? columns.Names[ordinal]
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{ordinal + 1}");
        // Sylvan says so in words only: a quoted field still open at the end of the input never closes.
        var unclosed = ex.Message.Contains("without a closing quote", StringComparison.OrdinalIgnoreCase);
        return Sources.Problems.Fatal(ex, unclosed ? SourceProblemCodes.UnclosedQuote : SourceProblemCodes.BadQuote, file, row, column);
    }

    private static bool IsVietnameseCodePage(SourceFormat format) =>
        string.Equals(format.EncodingName, "windows-1258", StringComparison.OrdinalIgnoreCase);
}
