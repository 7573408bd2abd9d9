using System.Runtime.CompilerServices;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Streams one sheet of an XLSX (or legacy XLS) workbook with ExcelDataReader: row 1 is the header, dates come
/// as dates. An XLSX is inflated once through the <see cref="ZipGuard"/> before ExcelDataReader sees it, so a
/// workbook that expands past the limits is refused before it is parsed.
/// </summary>
internal sealed class XlsxSourceReader : ISourceReader
{
    private readonly Func<Stream> openStream;
    private readonly SourceReadOptions options;
    private readonly ByteCounter counter = new();

    private XlsxSourceReader(SourceFormat format, Func<Stream> openStream, SourceReadOptions options, string sheet, SourceSchema columns)
    {
        (Format, this.openStream, this.options, Table, Columns) = (format, openStream, options, sheet, columns);
    }

    public SourceFormat Format { get; }

    public string Table { get; }

    public SourceSchema Columns { get; }

    public SourceProblemLog Problems { get; } = new();

    public long BytesRead => counter.Count;

    public static async Task<XlsxSourceReader> OpenAsync(SourceFormat format, Func<Stream> openStream, SourceReadOptions options, CancellationToken ct)
    {
        SourceEncodings.EnsureCodePages();
        if (format.Kind == SourceFileKind.Xlsx)
        {
            using var archive = new ZipGuard(format.File, options.Zip).Open(openStream(), SourceProblemCodes.XlsxCorrupt);
            await new ZipGuard(format.File, options.Zip).InflateAllAsync(archive, ct);
        }

        var problems = new SourceProblemLog();
        using var excel = Create(format, openStream());
        var sheet = SelectSheet(excel, format.File, options.Table);
        var headers = Guard(format.File, () => excel.Read()) ? RawHeaders(excel) : [];
        if (headers.Count > options.MaxColumns)
        {
            throw Sources.Problems.Fatal(SourceProblemCodes.TooManyColumns, format.File, null, null, Sources.Problems.Number(headers.Count), Sources.Problems.Number(options.MaxColumns));
        }

        var reader = new XlsxSourceReader(format, openStream, options, sheet, new SourceSchema(HeaderNames.MakeUnique(headers, format.File, problems)));
        reader.Problems.ReportAll(problems.Items);
        return reader;
    }

    /// <summary>The workbook's sheets in order, after the same checks as opening it: an upload's analysis reads each.</summary>
    public static async Task<IReadOnlyList<string>> SheetNamesAsync(SourceFormat format, Func<Stream> openStream, SourceReadOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(openStream);
        ArgumentNullException.ThrowIfNull(options);
        SourceEncodings.EnsureCodePages();
        if (format.Kind == SourceFileKind.Xlsx)
        {
            using var archive = new ZipGuard(format.File, options.Zip).Open(openStream(), SourceProblemCodes.XlsxCorrupt);
            await new ZipGuard(format.File, options.Zip).InflateAllAsync(archive, ct);
        }

        using var excel = Create(format, openStream());
        var names = new List<string>();
        do
        {
            names.Add(excel.Name);
        }
        while (Guard(format.File, excel.NextResult));

        return names;
    }

    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        counter.Reset();
        using var excel = Create(Format, new CountingStream(openStream(), counter));
        SelectSheet(excel, Format.File, Table);
        var cells = new CellText(Format.File, Problems, options.MaxCellChars, compose: false);
        long row = 0;
        var width = Columns.Count;
        while (Guard(Format.File, () => excel.Read()))
        {
            ct.ThrowIfCancellationRequested();
            if (++row == 1)
            {
                continue;
            }

            var values = new SourceValue[width];
            var any = false;
            for (var i = 0; i < Math.Min(width, excel.FieldCount); i++)
            {
                values[i] = XlsxCell.Read(excel.GetValue(i), cells, row, Columns.Names[i]);
                any |= !values[i].IsNull;
            }

            if (any)
            {
                yield return new SourceRecord(new SourceLocator(Format.File, row), Columns, values);
            }
        }

        await Task.CompletedTask;
        if (row <= 1)
        {
            Problems.Report(Sources.Problems.Warning(SourceProblemCodes.NoRows, Format.File, null, null));
        }
    }

    private static IExcelDataReader Create(SourceFormat format, Stream stream) =>
        Guard(format.File, () =>
        {
            try
            {
                return ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = false });
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        });

    private static string SelectSheet(IExcelDataReader excel, string file, string? wanted)
    {
        var names = new List<string>();
        do
        {
            if (wanted is null || string.Equals(excel.Name, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return excel.Name;
            }

            names.Add(excel.Name);
        }
        while (Guard(file, excel.NextResult));

        throw Sources.Problems.Fatal(SourceProblemCodes.SheetNotFound, file, null, null, wanted, string.Join(", ", names));
    }

    // Trailing empty header cells are formatting, not columns.
    private static List<string?> RawHeaders(IExcelDataReader excel)
    {
        var headers = Enumerable.Range(0, excel.FieldCount).Select(i => Convert.ToString(excel.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        while (headers.Count > 0 && string.IsNullOrWhiteSpace(headers[^1]))
        {
            headers.RemoveAt(headers.Count - 1);
        }

        return headers;
    }

    private static T Guard<T>(string file, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (InvalidPasswordException ex)
        {
            throw Sources.Problems.Fatal(ex, SourceProblemCodes.XlsxEncrypted, file, null, null);
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or XmlException or NotSupportedException or EndOfStreamException)
        {
            throw Sources.Problems.Fatal(ex, SourceProblemCodes.XlsxCorrupt, file, null, null, ex.Message);
        }
    }
}
