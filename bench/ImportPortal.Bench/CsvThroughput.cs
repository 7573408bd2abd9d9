using System.Text;
using ImportPortal.TestData;
using Sylvan.Data.Csv;

namespace ImportPortal.Bench;

/// <summary>
/// Our end-to-end CSV read (sniff, open, every record, every value) against a bare Sylvan read of the same
/// generated Freshdesk ticket CSV that also asks for every field as a string. Ratio = our speed / bare speed.
/// </summary>
internal static class CsvThroughput
{
    public static async Task<int> RunAsync(int rows, CancellationToken ct)
    {
        using var file = TempFile.Create(".csv");
        await using (var writer = new StreamWriter(file.OpenWrite(), new UTF8Encoding(true)))
        {
            FreshdeskSampleWriter.WriteTicketCsv(writer, rows);
        }

        Report.Line("csv", $"input: Freshdesk ticket CSV, {rows:N0} rows x {FreshdeskSampleWriter.TicketHeaders.Length} columns, {file.Megabytes:F1} MB, median of {Measure.Runs} runs after {Measure.WarmUps} warm-up");
        var bare = await Measure.MedianAsync(() => Task.FromResult(ReadBare(file.Path, ct)));
        var bareAsync = await Measure.MedianAsync(() => ReadBareAsync(file.Path, ct));
        var ours = await Measure.MedianAsync(async () => (await SourceRead.ReadAllAsync(file.Path, null, ct)).Chars);
        if (bare.Result != ours.Result || bareAsync.Result != ours.Result)
        {
            Report.Line("csv", $"WARNING: chars seen differ: bare {bare.Result:N0}, bare async {bareAsync.Result:N0}, ours {ours.Result:N0}");
        }

        Report.Line("csv", $"bare Sylvan      {Report.Mb(file.Length / bare.Median.TotalSeconds),7} MB/s {Report.Rate(rows, bare.Median),10} rows/s  ({bare.Median.TotalMilliseconds:F0} ms)");
        Report.Line("csv", $"bare Sylvan async{Report.Mb(file.Length / bareAsync.Median.TotalSeconds),7} MB/s {Report.Rate(rows, bareAsync.Median),10} rows/s  ({bareAsync.Median.TotalMilliseconds:F0} ms; ReadAsync with our 64K buffers, no records built)");
        Report.Line("csv", $"ours end to end  {Report.Mb(file.Length / ours.Median.TotalSeconds),7} MB/s {Report.Rate(rows, ours.Median),10} rows/s  ({ours.Median.TotalMilliseconds:F0} ms)");
        Report.Line("csv", $"ratio ours/bare  {bare.Median / ours.Median:F2} (speed; 1.00 = as fast as bare Sylvan)");
        return 0;
    }

    /// <summary>The baseline: Sylvan's own file reader with its defaults, every field of every row as a string.</summary>
    private static long ReadBare(string path, CancellationToken ct)
    {
        using var csv = CsvDataReader.Create(path);
        long chars = 0;
        while (csv.Read())
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < csv.FieldCount; i++)
            {
                chars += csv.GetString(i).Length;
            }
        }

        return chars;
    }

    /// <summary>Sylvan driven the way our reader drives it (async, 64K buffers), to split our overhead from the async path's.</summary>
    private static async Task<long> ReadBareAsync(string path, CancellationToken ct)
    {
        var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 4096, Options = FileOptions.SequentialScan });
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { BufferSize = 1 << 16, OwnsReader = true }, ct);
        long chars = 0;
        while (await csv.ReadAsync(ct))
        {
            for (var i = 0; i < csv.FieldCount; i++)
            {
                chars += csv.GetString(i).Length;
            }
        }

        return chars;
    }
}
