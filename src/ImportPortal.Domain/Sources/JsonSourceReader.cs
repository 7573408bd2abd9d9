using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Streams JSON records (array, object holding arrays, NDJSON) with nested objects flattened and object arrays
/// as child records. Row = the record's 1-based position. Text that is not UTF-8 is transcoded on the fly.
/// </summary>
internal sealed class JsonSourceReader(SourceFormat format, Func<Stream> openStream, SourceReadOptions options) : ISourceReader
{
    private readonly ByteCounter counter = new();

    public SourceFormat Format { get; } = format;

    public string Table { get; private set; } = options.Table ?? "";

    public SourceSchema Columns { get; } = new();

    public SourceProblemLog Problems { get; } = new();

    public long BytesRead => counter.Count;

    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        counter.Reset();
        await using var stream = Utf8(new CountingStream(openStream(), counter));
        var cursor = new JsonRecordCursor(stream, Format.Kind == SourceFileKind.Ndjson, options.Table, options.MaxJsonDepth, options.MaxRecordChars * 2);
        var builder = new JsonRecordBuilder();
        long row = 0;
        while (await NextAsync(cursor, row, ct) is { } document)
        {
            Table = cursor.Table ?? Table;
            using (document)
            {
                yield return builder.Build(document.RootElement, Columns, new SourceLocator(Format.File, ++row));
            }
        }

        CheckEnd(cursor, row);
    }

    private void CheckEnd(JsonRecordCursor cursor, long row)
    {
        if (!cursor.SawNonRecord && !cursor.FoundList && options.Table is not null)
        {
            throw Sources.Problems.Fatal(SourceProblemCodes.JsonTableNotFound, Format.File, null, null, options.Table, string.Join(", ", cursor.Lists));
        }

        if (cursor.SawNonRecord || (!cursor.FoundList && Format.Kind == SourceFileKind.Json))
        {
            throw Sources.Problems.Fatal(SourceProblemCodes.JsonNotRecords, Format.File, null, null);
        }

        if (row == 0)
        {
            Problems.Report(Sources.Problems.Warning(SourceProblemCodes.NoRows, Format.File, null, null));
        }
    }

    private async ValueTask<JsonDocument?> NextAsync(JsonRecordCursor cursor, long row, CancellationToken ct)
    {
        try
        {
            return await cursor.NextAsync(ct);
        }
        catch (JsonException ex)
        {
            var line = Sources.Problems.Number((ex.LineNumber ?? 0) + 1);
            throw ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? Sources.Problems.Fatal(ex, SourceProblemCodes.JsonTooDeep, Format.File, null, null, line, Sources.Problems.Number(options.MaxJsonDepth))
                : Sources.Problems.Fatal(ex, SourceProblemCodes.JsonInvalid, Format.File, null, null, line, Sources.Problems.Number((ex.BytePositionInLine ?? 0) + 1));
        }
        catch (JsonRecordTooLargeException ex)
        {
            throw Sources.Problems.Fatal(ex, SourceProblemCodes.JsonRecordTooLarge, Format.File, row + 1, null, Sources.Problems.Number(options.MaxRecordChars * 2L / (1024 * 1024)));
        }
    }

    private Stream Utf8(Stream raw)
    {
        var encoding = SourceSniffer.EncodingOf(Format);
        return encoding.CodePage == Encoding.UTF8.CodePage ? raw : Encoding.CreateTranscodingStream(raw, encoding, Encoding.UTF8);
    }
}
