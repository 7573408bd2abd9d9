using System.IO.Compression;
using ImportPortal.TestData;

namespace ImportPortal.Bench;

/// <summary>Our end-to-end read of the "tickets" table of a generated Freshdesk account-export ZIP, notes included.</summary>
internal static class ZipThroughput
{
    private const int NotesPerTicket = 3;

    public static async Task<int> RunAsync(int tickets, CancellationToken ct)
    {
        using var file = TempFile.Create(".zip");
        await using (var output = file.OpenWrite())
        {
            FreshdeskSampleWriter.WriteAccountExport(output, tickets, NotesPerTicket);
        }

        var unzipped = Unzipped(file.Path);
        Report.Line("zip", $"input: account export, {tickets:N0} tickets x {NotesPerTicket} notes in {(tickets + 299) / 300} Tickets*.xml, {file.Megabytes:F1} MB ({Report.Mb(unzipped)} MB of Tickets*.xml unzipped), median of {Measure.Runs} runs after {Measure.WarmUps} warm-up");
        (long Records, long Children, long Chars) read = default;
        var ours = await Measure.MedianAsync(async () =>
        {
            read = await SourceRead.ReadAllAsync(file.Path, "tickets", ct);
            return read.Chars;
        });
        Report.Line("zip", $"ours end to end  {Report.Rate(read.Records, ours.Median),10} tickets/s {Report.Rate(read.Children, ours.Median),10} notes/s {Report.Mb(unzipped / ours.Median.TotalSeconds),6} MB/s of XML  ({ours.Median.TotalMilliseconds:F0} ms, {read.Records:N0} tickets, {read.Children:N0} notes)");
        return read.Records == tickets && read.Children == (long)tickets * NotesPerTicket ? 0 : 1;
    }

    private static long Unzipped(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Where(e => e.Name.StartsWith("Tickets", StringComparison.Ordinal)).Sum(e => e.Length);
    }
}
