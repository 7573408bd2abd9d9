using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Bench;

/// <summary>
/// A whole migration at the size the product promises (tens of thousands of tickets, hundreds of thousands of
/// messages): a Freshdesk account export streamed from a temp file, mapped with its preset, planned and sent by the
/// real run job to a simulator process on its own core, every stage from agents to finalise. Reports the planning,
/// each stage's time and rate, the whole run, the portal's peak memory and the records database's size, and fails
/// when a record did not succeed.
/// </summary>
internal static class MigrationScale
{
    public static async Task<int> RunAsync(int tickets, int notesPerTicket, CancellationToken ct)
    {
        using var zip = TempFile.Create(".zip");
        await using (var output = zip.OpenWrite())
        {
            FreshdeskSampleWriter.WriteAccountExport(output, tickets, notesPerTicket);
        }

        var (counts, timeline, memory, databaseBytes) = await RunArchiveAsync(zip.Path, ct);

        Report.Line("migration", $"Freshdesk account export: {tickets:N0} tickets with {notesPerTicket} notes each (and the description as the first message), {zip.Megabytes:F0} MB zipped; the site a simulator process on its own core, no latency, 16 at once");
        Report.Line("migration", $"planned {counts.Sum(c => c.Total):N0} records in {timeline.Planning.TotalSeconds:F1} s ({counts.Sum(c => c.Total) / timeline.Planning.TotalSeconds:N0}/s)");
        foreach (var (stage, took) in timeline.Stages)
        {
            var stageCounts = counts.FirstOrDefault(c => c.Stage == stage);
            if (stageCounts is null || stageCounts.Total == 0)
            {
                continue;
            }

            Report.Line("migration", $"  {stage,-14} {stageCounts.Total,9:N0} records in {took.TotalSeconds,6:F1} s = {stageCounts.Total / Math.Max(took.TotalSeconds, 0.001),7:N0}/s (created {stageCounts.Created:N0}, updated {stageCounts.Updated:N0}, skipped {stageCounts.Skipped:N0}, failed {stageCounts.Failed:N0})");
        }

        var total = counts.Sum(c => c.Total);
        var failed = counts.Sum(c => c.Failed) + counts.Sum(c => c.Pending);
        Report.Line("migration", $"the whole run {timeline.Whole.TotalSeconds:F0} s (sending {timeline.Sending.TotalSeconds:F0} s = {total / timeline.Sending.TotalSeconds:N0} records/s); not succeeded: {failed:N0}");
        Report.Line("migration", $"the portal's peak working set {memory.PeakWorkingSet / 1048576.0:F0} MB (managed heap {memory.PeakManagedHeap / 1048576.0:F0} MB): planning {timeline.PlanningPeak.WorkingSet / 1048576.0:F0} MB ({timeline.PlanningPeak.Heap / 1048576.0:F0} MB), sending {timeline.SendingPeak.WorkingSet / 1048576.0:F0} MB ({timeline.SendingPeak.Heap / 1048576.0:F0} MB); records database {databaseBytes / 1048576.0:F0} MB");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// The account export at <paramref name="zip"/> through the real run job with its preset, 16 at once, to a simulator
    /// process on its own core, the portal's memory sampled meanwhile.
    /// </summary>
    public static async Task<ArchiveRun> RunArchiveAsync(string zip, CancellationToken ct)
    {
        await using var site = await SimulatorProcess.StartAsync(core: 1, ct);
        await using var rig = await PortalRig.StartAsync(site.BaseUrl, site.ApiKey, site.ApiSecret);
        MemorySampler.TryResetPeak();
        var memory = MemorySampler.Start();
        var (runId, timeline) = await rig.ImportArchiveAsync(zip, FreshdeskAccountExportPreset.Create(), new RunOptions { Ceiling = 16 }, ct);
        var counts = await rig.CountsAsync(runId);
        await memory.DisposeAsync();
        return new ArchiveRun(counts, timeline, memory, rig.DatabaseBytes());
    }
}

/// <summary>What <see cref="MigrationScale.RunArchiveAsync"/> measured: each stage's counts, the run's times, the portal's memory, its records database.</summary>
internal sealed record ArchiveRun(IReadOnlyList<StageCounts> Counts, RunTimeline Timeline, MemorySampler Memory, long DatabaseBytes);

/// <summary>When a run planned and when each of its stages started and ended, from the progress its job publishes.</summary>
internal sealed record RunTimeline(
    TimeSpan Planning, TimeSpan Sending, TimeSpan Whole, IReadOnlyList<(RunStage Stage, TimeSpan Took)> Stages,
    (long Heap, long WorkingSet) PlanningPeak, (long Heap, long WorkingSet) SendingPeak);
