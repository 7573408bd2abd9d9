using System.Diagnostics;
using System.Text;
using ImportPortal.TestData;

namespace ImportPortal.Bench;

/// <summary>
/// Streams a ticket CSV of about the asked size to the temp folder, reads it end to end with our reader, and fails
/// (exit 1) if the working set went over <see cref="LimitBytes"/> at any point of the read.
/// </summary>
internal static class MemoryCeiling
{
    public const long LimitBytes = 300L * 1024 * 1024;

    public static async Task<int> RunAsync(int megabytes, CancellationToken ct)
    {
        var target = megabytes * 1024L * 1024L;
        var free = new DriveInfo(Path.GetTempPath()).AvailableFreeSpace;
        if (free < target * 2)
        {
            Report.Line("memory", $"refused: {megabytes} MB asked, {Report.Mb(free)} MB free in {Path.GetTempPath()} (needs twice the file)");
            return 2;
        }

        using var file = TempFile.Create(".csv");
        var rows = (int)Math.Min(int.MaxValue, target / BytesPerRow());
        var generation = Stopwatch.StartNew();
        await using (var writer = new StreamWriter(file.OpenWrite(), new UTF8Encoding(true), 1 << 16))
        {
            FreshdeskSampleWriter.WriteTicketCsv(writer, rows);
        }

        Report.Line("memory", $"input: Freshdesk ticket CSV, {rows:N0} rows, {file.Megabytes:F0} MB, written in {generation.Elapsed.TotalSeconds:F0} s");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var reset = MemorySampler.TryResetPeak();
        var before = MemorySampler.ProcessPeak();
        (long Records, long Children, long Chars) read;
        var watch = Stopwatch.StartNew();
        var sampler = MemorySampler.Start();
        await using (sampler)
        {
            read = await SourceRead.ReadAllAsync(file.Path, null, ct);
        }

        var elapsed = watch.Elapsed;
        var processPeak = MemorySampler.ProcessPeak();
        var peak = Math.Max(sampler.PeakWorkingSet, reset ? processPeak : 0);
        Report.Line("memory", $"ours end to end  {Report.Mb(file.Length / elapsed.TotalSeconds),7} MB/s {Report.Rate(read.Records, elapsed),10} rows/s  ({elapsed.TotalSeconds:F1} s, {read.Records:N0} rows)");
        Report.Line("memory", $"peak working set {Report.Mb(peak)} MB while reading (sampled every 100 ms: {Report.Mb(sampler.PeakWorkingSet)} MB over {sampler.Samples} samples; kernel high-water mark {Report.Mb(processPeak)} MB{(reset ? ", reset before the read" : ", includes generation")}; {Report.Mb(before)} MB before the read)");
        Report.Line("memory", $"peak managed heap {Report.Mb(sampler.PeakManagedHeap)} MB (GC.GetTotalMemory, sampled)");
        var passed = peak <= LimitBytes && read.Records == rows;
        Report.Line("memory", $"{(passed ? "PASS" : "FAIL")}: peak {Report.Mb(peak)} MB against a {Report.Mb(LimitBytes)} MB limit");
        return passed ? 0 : 1;
    }

    private static long BytesPerRow()
    {
        const int sample = 10_000;
        return Math.Max(1, FreshdeskSampleWriter.TicketCsv(sample).Length / sample);
    }
}
