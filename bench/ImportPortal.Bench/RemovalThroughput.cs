using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Bench;

/// <summary>
/// Checking a migration on its site, then taking it back off: a Freshdesk account export imported by the real run job
/// into a simulator process on its own core, every document it wrote read back by the real check job (100 names a
/// request), then every document it created deleted by the real removal job (read a batch, delete each at the run's
/// pace, write the batch's outcomes). Reports documents per second for both, and fails when the check missed one or
/// the removal kept or refused one: nobody touched the site in between.
/// </summary>
internal static class RemovalThroughput
{
    public static async Task<int> RunAsync(int tickets, int notesPerTicket, CancellationToken ct)
    {
        using var zip = TempFile.Create(".zip");
        await using (var output = zip.OpenWrite())
        {
            FreshdeskSampleWriter.WriteAccountExport(output, tickets, notesPerTicket);
        }

        await using var site = await SimulatorProcess.StartAsync(core: 1, ct);
        await using var rig = await PortalRig.StartAsync(site.BaseUrl, site.ApiKey, site.ApiSecret);
        var (runId, timeline) = await rig.ImportArchiveAsync(zip.Path, FreshdeskAccountExportPreset.Create(), new RunOptions { Ceiling = 16 }, ct);
        // First the check an operator runs after a migration: every document read back from the site.
        var checks = rig.Services.GetRequiredService<RunChecks>();
        var checkAsked = await checks.RequestAsync("bench", runId, ct);
        if (!checkAsked.Succeeded)
        {
            throw new InvalidOperationException($"{checkAsked.ErrorKey} {checkAsked.ErrorArg}");
        }

        var checkClock = System.Diagnostics.Stopwatch.StartNew();
        var (checkPortal, checkSite) = (Environment.CpuUsage.TotalTime, site.Cpu);
        await rig.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, ct);
        var checkTook = checkClock.Elapsed;
        (checkPortal, checkSite) = (Environment.CpuUsage.TotalTime - checkPortal, site.Cpu - checkSite);
        var check = (await checks.GetAsync(runId, ct))!;

        var removals = rig.Services.GetRequiredService<RunRemovals>();
        var asked = await removals.RequestAsync("bench", runId, includeChanged: false, ct);
        if (!asked.Succeeded)
        {
            throw new InvalidOperationException($"{asked.ErrorKey} {asked.ErrorArg}");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (portalCpu, siteCpu) = (Environment.CpuUsage.TotalTime, site.Cpu);
        await rig.Services.GetRequiredService<RemoveRunJob>().ExecuteAsync(runId, ct);
        var took = clock.Elapsed;
        (portalCpu, siteCpu) = (Environment.CpuUsage.TotalTime - portalCpu, site.Cpu - siteCpu);
        var view = (await removals.GetAsync(runId, ct))!;
        var byDoctype = (await rig.RecordsAsync(runId)).Where(r => r.Removal == Domain.Migration.RemovalOutcome.Removed)
            .GroupBy(r => r.Doctype).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count():N0}");
        Report.Line("removal", $"Freshdesk account export: {tickets:N0} tickets with {notesPerTicket} notes each, imported in {timeline.Whole.TotalSeconds:F0} s; the site a simulator process on its own core, no latency, 16 at once");
        Report.Line("removal", $"checked on the site first: {check.Progress.Done:N0} of {check.Progress.Total:N0} documents read back in {checkTook.TotalSeconds:F1} s = {check.Progress.Done / Math.Max(checkTook.TotalSeconds, 0.001):N0}/s, {check.Progress.Missing:N0} missing{(check.Error is null ? "" : $", stopped: {check.Error}")}; CPU per document: the portal {checkPortal.TotalMilliseconds / Math.Max(1, check.Progress.Done):F3} ms, the site {checkSite.TotalMilliseconds / Math.Max(1, check.Progress.Done):F3} ms");
        Report.Line("removal", $"taken back off the site: {view.Progress.Removed:N0} of {view.Progress.Total:N0} documents in {took.TotalSeconds:F1} s = {view.Progress.Removed / Math.Max(took.TotalSeconds, 0.001):N0}/s ({string.Join(", ", byDoctype)}); kept {view.Progress.Kept:N0}, failed {view.Progress.Failed:N0}{(view.Error is null ? "" : $", stopped: {view.Error}")}");
        var documents = Math.Max(1, view.Progress.Total);
        Report.Line("removal", $"CPU per document: the portal {portalCpu.TotalMilliseconds / documents:F2} ms (its core {portalCpu / took:P0} busy), the site {siteCpu.TotalMilliseconds / documents:F2} ms ({siteCpu / took:P0})");
        var checkedAll = check.Progress.Done == check.Progress.Total && check.Progress.Missing == 0 && check.Error is null;
        return checkedAll && view.Progress.Removed == view.Progress.Total && view.Error is null ? 0 : 1;
    }
}
