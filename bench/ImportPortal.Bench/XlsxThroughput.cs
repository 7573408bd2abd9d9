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

        Report.Line("xlsx", $"input: one sheet, {rows:N0} rows x {Headers.Length} columns (inline strings, numbers, dates), {file.Megabytes:F1} MB, median of {Measure.Runs} runs after {Measure.WarmUps} warm-up");
        long records = 0;
        var ours = await Measure.MedianAsync(async () =>
        {
            var read = await SourceRead.ReadAllAsync(file.Path, null, ct);
            records = read.Records;
            return read.Chars;
        });
        Report.Line("xlsx", $"ours end to end  {Report.Mb(file.Length / ours.Median.TotalSeconds),7} MB/s {Report.Rate(records, ours.Median),10} rows/s  ({ours.Median.TotalMilliseconds:F0} ms, {records:N0} rows)");
        return records == rows ? 0 : 1;
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
