using System.IO.Compression;
using System.Text;
using ExcelDataReader;
using ImportPortal.TestData;

namespace ImportPortal.Bench;

/// <summary>Our end-to-end read of a generated one-sheet XLSX of tickets: strings, numbers, dates and empty cells.</summary>
internal static class XlsxThroughput
{
    private static readonly string[] Headers =
        ["Ticket ID", "Subject", "Description", "Status", "Priority", "Requester name", "Requester email", "Created time", "Resolved time", "Tags"];

    public static async Task<int> RunAsync(int rows, CancellationToken ct)
    {
        using var file = TempFile.Create(".xlsx");
        await File.WriteAllBytesAsync(file.Path, XlsxSampleWriter.Workbook(("Tickets", Rows(rows))), ct);

        var unzipped = Unzipped(file.Path);
        Report.Line("xlsx", $"input: one sheet, {rows:N0} rows x {Headers.Length} columns (inline strings, numbers, dates), {file.Megabytes:F1} MB ({Report.Mb(unzipped)} MB unzipped), median of {Measure.Runs} runs after {Measure.WarmUps} warm-up");
        var open = await Measure.MedianAsync(() => Task.FromResult(ReadBare(file.Path, rows: false)));
        var bare = await Measure.MedianAsync(() => Task.FromResult(ReadBare(file.Path, rows: true)));
        long records = 0;
        var ours = await Measure.MedianAsync(async () =>
        {
            var read = await SourceRead.ReadAllAsync(file.Path, null, ct);
            records = read.Records;
            return read.Chars;
        });
        Report.Line("xlsx", $"ExcelDataReader open only: {open.Median.TotalMilliseconds:F0} ms (CreateReader, before the first row)");
        Report.Line("xlsx", $"bare ExcelData   {Report.Mb(file.Length / bare.Median.TotalSeconds),7} MB/s {Report.Rate(rows, bare.Median),10} rows/s {Report.Mb(unzipped / bare.Median.TotalSeconds),6} MB/s unzipped  ({bare.Median.TotalMilliseconds:F0} ms; ExcelDataReader alone, GetValue of every cell)");
        Report.Line("xlsx", $"ours end to end  {Report.Mb(file.Length / ours.Median.TotalSeconds),7} MB/s {Report.Rate(records, ours.Median),10} rows/s {Report.Mb(unzipped / ours.Median.TotalSeconds),6} MB/s unzipped  ({ours.Median.TotalMilliseconds:F0} ms, {records:N0} rows)");
        return records == rows ? 0 : 1;
    }

    /// <summary>The library our reader wraps, on its own: every cell of every row as an object.</summary>
    private static long ReadBare(string path, bool rows)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // ExcelDataReader asks for 1252 even for XLSX
        using var excel = ExcelReaderFactory.CreateReader(File.OpenRead(path));
        long cells = 0;
        while (rows && excel.Read())
        {
            for (var i = 0; i < excel.FieldCount; i++)
            {
                cells += excel.GetValue(i) is null ? 0 : 1;
            }
        }

        return cells;
    }

    private static long Unzipped(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Sum(e => e.Length);
    }

    private static IEnumerable<object?[]> Rows(int rows)
    {
        yield return Headers;
        var start = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < rows; i++)
        {
            var created = start.AddMinutes(i * 37);
            yield return
            [
                i + 1.0, i % 2 == 0 ? "Không đăng nhập được" : "Hoá đơn tháng 5, bị trùng",
                $"Xin chào,\nTôi là {FreshdeskSampleWriter.RequesterName(i)}, cần hỗ trợ về đơn hàng #{i}.",
                i % 4 < 2 ? "Open" : "Resolved", i % 3 == 0 ? "High" : "Low", FreshdeskSampleWriter.RequesterName(i),
                FreshdeskSampleWriter.RequesterEmail(i), created, i % 4 >= 2 ? created.AddHours(5) : null, i % 2 == 0 ? "vip,hoa-don" : null,
            ];
        }
    }
}
