using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using FrappeSimulator.Faults;
using FrappeSimulator.Hosting;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Bench;

/// <summary>
/// The import itself against the simulator, in one run of three sites:
/// (a) no latency: the import's records/s over a bare HttpClient posting the same bodies at the same concurrency;
/// (b) a remote production site (100 ms round trip, 45 ms service, 8 requests at once, about 178 inserts/s):
///     records/s over that capacity and over a one-at-a-time client, with the server-side p50 against its unloaded value;
/// (c) a small CPU-bound site (one request at a time, 47 ms, about 21/s): where the limiter settles and the throughput
///     against the one-at-a-time client.
/// The workload is ticket inserts (one POST per record), so records/s and requests/s compare directly.
/// </summary>
internal static class ImportThroughput
{
    public static async Task<int> RunAsync(BenchOptions options, string[] args, CancellationToken ct)
    {
        // Each site runs as its own process on core 1 and the portal's machinery (or a bare client) on core 0: each
        // side's CPU is its own, as with a real site on its own machine. Sharing both cores would measure the client's
        // CPU against the simulator's, which costs far less per insert than Frappe does. The pinning is done before
        // the runtime starts (taskset), so the runtime sizes its thread pool and spinning for the one core it has.
        if (Environment.ProcessorCount > 1 && CorePinning.Available)
        {
            return await CorePinning.RunPinnedAsync(core: 0, args, ct);
        }

        var failed = 0;
        var only = options.Only ?? "abcp";
        failed |= only.Contains('a') ? await NoLatencyRepeatedAsync(options.Tickets ?? 6000, options.Repeat ?? 3, ct) : 0;
        failed |= only.Contains('b') ? await RemoteSiteAsync(ct) : 0;
        failed |= only.Contains('c') ? await SmallSiteAsync(ct) : 0;
        failed |= only.Contains('p') ? await PortalAloneAsync(options.Tickets ?? 6000, options.Repeat ?? 3, ct) : 0;
        return failed;
    }

    /// <summary>
    /// (a) several times over, each pass the import then the bare client on fresh sites: this machine's speed drifts
    /// (a shared virtual machine), so the ratio of each pair is taken, and their median reported. A first pass warms
    /// the benchmark up (connections, caches, the records database's first queries) and is not counted.
    /// </summary>
    private static async Task<int> NoLatencyRepeatedAsync(int tickets, int repeat, CancellationToken ct)
    {
        var failed = 0;
        var ratios = new List<double>();
        for (var pass = 0; pass <= repeat; pass++)
        {
            // perf samples the counted passes only: the warm-up's compiling is not what a long run spends.
            PerfControl.Armed = pass > 0;
            var (passFailed, ratio) = await NoLatencyAsync(tickets, pass == 0, ct);
            failed |= passFailed;
            if (pass > 0)
            {
                ratios.Add(ratio);
            }
        }

        ratios.Sort();
        Report.Line("import-a", $"ratio over {repeat} passes after a warm-up: median {ratios[ratios.Count / 2]:F2}, range {ratios[0]:F2}-{ratios[^1]:F2} (goal >= 0.8)");
        return failed;
    }

    /// <summary>Unescaped, as the portal writes a body on the wire.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions AsSent = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<(int Failed, double Ratio)> NoLatencyAsync(int tickets, bool warmUp, CancellationToken ct)
    {
        const int workers = 16;
        var self = Process.GetCurrentProcess();
        var label = warmUp ? "import-a (warm-up, not counted)" : "import-a";
        await using var sim = await SimulatorProcess.StartAsync(core: 1, ct, controls: true);
        await using var rig = await PortalRig.StartAsync(sim.BaseUrl, sim.ApiKey, sim.ApiSecret);
        await WarmSiteAsync(sim, workers, ct);
        var requestsBefore = await sim.RequestsAsync(ct);
        using var sampler = LimitSampler.Start(rig, everyMs: 5);
        var simCpu = sim.Cpu;
        var (runId, cost) = await rig.ImportMeasuredAsync(FreshdeskSampleWriter.TicketCsv(tickets), "tickets.csv", TicketsOnly(), "tickets", new RunOptions { Ceiling = workers }, ct);
        var importSimCpu = sim.Cpu - simCpu;
        var requests = (await sim.RequestsAsync(ct)).Select(p => (p.Key, Count: p.Value - requestsBefore.GetValueOrDefault(p.Key))).Where(p => p.Count > 0).OrderByDescending(p => p.Count).ToList();
        Report.Line(label, $"site requests during the import: {string.Join(", ", requests.Select(p => $"{p.Key} {p.Count}"))}");
        var limits = await sampler.StopAsync();
        var records = await rig.RecordsAsync(runId);
        var imported = records.Count(r => r.State == RecordState.Succeeded);
        // From the first record request to the last, like the bare client's; the run's fixed costs around it (keeping the
        // site quiet and putting it back: ten requests one after another) are reported beside it.
        var importRate = imported / (await rig.RecordWindowAsync(runId)).TotalSeconds;
        var wholeRate = imported / cost.Elapsed.TotalSeconds;
        // The bodies as the import sent them (a record keeps its sent body as its differences from the planned one).
        var bodies = records.Where(r => r.SentJson is not null)
            .Select(r => SentBodyJson.Read(r.SentJson, RecordPayloadJson.Read(r.PayloadJson, r.OverrideJson).Insert)!.ToJsonString(AsSent)).ToList();

        // A fresh site of the same shape for the bare client, so both insert into an empty table.
        await using var bareSite = await SimulatorProcess.StartAsync(core: 1, ct);
        await using (await PortalRig.StartAsync(bareSite.BaseUrl, bareSite.ApiKey, bareSite.ApiSecret))
        {
            // The rig creates the same custom fields as on the import's site.
        }

        await WarmSiteAsync(bareSite, workers, ct);

        var cpuBefore = self.TotalProcessorTime;
        simCpu = bareSite.Cpu;
        var bareSwitches = ContextSwitches.Read();
        var bareCores = CoreTimes.Read();
        var bare = await PostAllAsync(bareSite.BaseUrl, bareSite.ApiKey, bareSite.ApiSecret, bodies, workers, ct);
        var bareSwitchesAfter = ContextSwitches.Read();
        var bareCoresText = CoreTimes.Describe(bareCores, CoreTimes.Read());
        var bareCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var bareSimCpu = bareSite.Cpu - simCpu;
        var bareRate = bodies.Count / bare.TotalSeconds;

        // The portal's own HTTP client alone (Refit, resilience pipeline, pacing), without the loop and the database.
        await using var stackSite = await SimulatorProcess.StartAsync(core: 1, ct);
        await using var stackRig = await PortalRig.StartAsync(stackSite.BaseUrl, stackSite.ApiKey, stackSite.ApiSecret);
        await WarmSiteAsync(stackSite, workers, ct);
        var client = stackRig.Services.GetRequiredService<ImportPortal.Frappe.FrappeSiteClientFactory>()
            .Create(new ImportPortal.Frappe.FrappeSiteConnection(stackSite.BaseUrl, stackSite.ApiKey, stackSite.ApiSecret));
        var parsed = bodies.Select(b => System.Text.Json.Nodes.JsonNode.Parse(b)!.AsObject()).ToList();
        cpuBefore = self.TotalProcessorTime;
        var stack = Stopwatch.StartNew();
        await Concurrently.ForEachAsync(parsed, workers, body => client.InsertAsync("HD Ticket", body, ct));
        var stackRate = parsed.Count / stack.Elapsed.TotalSeconds;
        var stackCpu = self.TotalProcessorTime - cpuBefore;

        // The same import with tickets sent ten at a time (insert_many, opt-in): fewer requests for both sides.
        await using var batchSite = await SimulatorProcess.StartAsync(core: 1, ct);
        await using var batchRig = await PortalRig.StartAsync(batchSite.BaseUrl, batchSite.ApiKey, batchSite.ApiSecret);
        await WarmSiteAsync(batchSite, workers, ct);
        simCpu = batchSite.Cpu;
        var (batchRun, batchCost) = await batchRig.ImportMeasuredAsync(FreshdeskSampleWriter.TicketCsv(tickets), "tickets.csv", TicketsOnly(), "tickets", new RunOptions { Ceiling = workers, Batches = true }, ct);
        var batchSimCpu = batchSite.Cpu - simCpu;
        var batchImported = (await batchRig.RecordsAsync(batchRun)).Count(r => r.State == RecordState.Succeeded);
        var batchRate = batchImported / (await batchRig.RecordWindowAsync(batchRun)).TotalSeconds;

        Report.Line(label, $"no latency, {workers} at once, site on its own core: import {importRate:F0} records/s ({wholeRate:F0}/s over the whole run, {imported} in {cost.Elapsed.TotalSeconds:F1} s), bare HttpClient {bareRate:F0}/s; ratio {importRate / bareRate:F2} (goal >= 0.8); limiter median {limits.Median:F0}, range {limits.Min}-{limits.Max}, in flight median {limits.InFlightMedian:F0}");
        Report.Line(label, $"CPU per record: portal {cost.Cpu.TotalMilliseconds / imported:F2} ms (site {importSimCpu.TotalMilliseconds / imported:F2} ms), bare client {bareCpu.TotalMilliseconds / bodies.Count:F2} ms (site {bareSimCpu.TotalMilliseconds / bodies.Count:F2} ms); portal allocates {cost.Bytes / 1024.0 / imported:F0} KB per record, {cost.Collections}");
        // How much of the time each side's core worked: one side below 100% while the other waits is a pipeline bubble.
        Report.Line(label, $"cores busy while sending: import: portal {cost.Cpu / cost.Elapsed:P0}, its site {importSimCpu / cost.Elapsed:P0}; bare client: client {bareCpu / bare:P0}, its site {bareSimCpu / bare:P0}");
        Report.Line(label, $"in flight while sending (sampled every 5 ms): {sampler.Describe(workers)}");
        Report.Line(label, $"the machine's cores while sending: import: {rig.Cores}; bare client: {bareCoresText}");
        Report.Line(label, $"context switches per record (voluntary/involuntary): import {(double)cost.VoluntarySwitches / imported:F1}/{(double)cost.InvoluntarySwitches / imported:F1}, bare client {(double)(bareSwitchesAfter.Voluntary - bareSwitches.Voluntary) / bodies.Count:F1}/{(double)(bareSwitchesAfter.Involuntary - bareSwitches.Involuntary) / bodies.Count:F1}");
        Report.Line(label, $"the portal's HTTP client alone: {stackRate:F0}/s, {stackCpu.TotalMilliseconds / parsed.Count:F2} ms CPU per record");
        Report.Line(label, $"with batches (the run option: HD Ticket ten at a time with insert_many): {batchRate:F0} records/s = {batchRate / bareRate:F2} of the bare client posting one at a time; CPU per record: portal {batchCost.Cpu.TotalMilliseconds / batchImported:F2} ms, site {batchSimCpu.TotalMilliseconds / batchImported:F2} ms");
        return (imported == tickets ? 0 : 1, importRate / bareRate);
    }

    /// <summary>
    /// (p) The portal alone: the (a) import with its inserts and lookups answered inside its own HTTP pipeline, so no
    /// site and no socket: the loop, the records database, Refit, the resilience pipeline and pacing, on one core.
    /// </summary>
    private static async Task<int> PortalAloneAsync(int tickets, int repeat, CancellationToken ct)
    {
        const int workers = 16;
        var failed = 0;
        for (var pass = 0; pass < repeat; pass++)
        {
            await using var site = await SimulatorProcess.StartAsync(core: 1, ct);
            await using var rig = await PortalRig.StartAsync(site.BaseUrl, site.ApiKey, site.ApiSecret, new InstantInserts());
            var file = FreshdeskSampleWriter.TicketCsv(tickets);
            var (runId, cost) = await rig.ImportMeasuredAsync(file, "tickets.csv", TicketsOnly(), "tickets", new RunOptions { Ceiling = workers }, ct);
            var imported = (await rig.RecordsAsync(runId)).Count(r => r.State == RecordState.Succeeded);
            failed |= imported == tickets ? 0 : 1;
            var window = await rig.RecordWindowAsync(runId);
            Report.Line("import-p", $"the portal alone (inserts answered in its own HTTP pipeline, no site, no socket), {workers} at once: {imported / cost.Elapsed.TotalSeconds:F0} records/s (window {imported / window.TotalSeconds:F0}/s: {window.TotalSeconds:F2} of {cost.Elapsed.TotalSeconds:F2} s), {cost.Cpu.TotalMilliseconds / imported:F2} ms CPU and {cost.Bytes / 1024.0 / imported:F0} KB per record; {cost.Collections}");
        }

        return failed;
    }

    private static async Task<int> RemoteSiteAsync(CancellationToken ct)
    {
        await RemoteSiteAsync("import-b", batches: false, ct);
        await RemoteSiteAsync("import-b batches", batches: true, ct);
        return 0;
    }

    /// <param name="batches">The run option: new tickets ten at a time with insert_many; off is one POST per record.</param>
    private static async Task RemoteSiteAsync(string label, bool batches, CancellationToken ct)
    {
        await using var sim = await SimulatorProcess.StartAsync(core: 1, ct, controls: true);
        await sim.SetAsync("network", """{"fixed_ms": 100}""", ct);
        await sim.SetAsync("latency", """{"fixed_ms": 45}""", ct);
        await sim.SetAsync("capacity", """{"capacity": 8}""", ct);
        await using var rig = await PortalRig.StartAsync(sim.BaseUrl, sim.ApiKey, sim.ApiSecret);
        var capacity = 8 / 0.045;

        var sequential = await SequentialRateAsync(sim, 60, ct);
        var unloadedP50 = await sim.DrainServerP50Async(ct);
        var agentUnloaded = (await AgentProbe.RunAsync(sim, TimeSpan.FromSeconds(3), ct)).Select(l => l.Ms).ToList();

        using var sampler = LimitSampler.Start(rig);
        await using var agent = AgentProbe.Start(sim, ct);
        var (runId, sending) = await rig.ImportAsync(FreshdeskSampleWriter.TicketCsv(2500), "tickets.csv", TicketsOnly(), "tickets", new RunOptions { Ceiling = 64, Batches = batches }, ct);
        var window = await rig.RecordWindowBoundsAsync(runId);
        // Only the looks taken while records were being sent: not those during the planning or the quiet steps around it.
        var agentLoaded = (await agent.StopAsync()).Where(l => l.At >= window.From && l.At <= window.To).Select(l => l.Ms).ToList();
        var limits = await sampler.StopAsync();
        var loadedP50 = await sim.DrainServerP50Async(ct);
        var requests = (await sim.RequestsAsync(ct)).Where(p => p.Key.StartsWith("POST", StringComparison.Ordinal) && p.Key.Contains("HD Ticket", StringComparison.Ordinal) || p.Key.Contains("insert_many", StringComparison.Ordinal))
            .Select(p => $"{p.Key} {p.Value}");
        var imported = (await rig.RecordsAsync(runId)).Count(r => r.State == RecordState.Succeeded);
        var rate = imported / (window.To - window.From).TotalSeconds;
        var whole = imported / sending.TotalSeconds;
        // What the simulated site really serves: 45 ms of service plus its own work per request on one core.
        var saturated = await SaturatedRateAsync(sim, 1000, ct);
        Report.Line(label, $"remote site (100 ms RTT, 45 ms service, capacity 8 = {capacity:F0}/s nominal; a bare client 48 at once gets {saturated:F0}/s): import {rate:F0} records/s = {rate / capacity:F2} of the nominal capacity, {rate / saturated:F2} of the measured one (goal >= 0.9); {rate / sequential:F1}x the one-at-a-time client's {sequential:F1}/s (goal >= 20); {string.Join(", ", requests)}");
        Report.Line(label, $"the whole run with its fixed costs (keeping the site quiet and putting it back, about 10 requests one after another): {whole:F0} records/s = {whole / capacity:F2} of the nominal capacity");
        Report.Line(label, $"an agent opening the ticket list every 250 ms: p50 {ServerLatencies.Percentile(agentLoaded, 0.5):F0} ms (p90 {ServerLatencies.Percentile(agentLoaded, 0.9):F0} ms, {agentLoaded.Count} looks) during the import vs {ServerLatencies.Percentile(agentUnloaded, 0.5):F0} ms before = {ServerLatencies.Percentile(agentLoaded, 0.5) / Math.Max(1, ServerLatencies.Percentile(agentUnloaded, 0.5)):F2}x (goal < 2; 100 ms of it is the network); the import's own requests at the server: p50 {loadedP50:F0} ms vs {unloadedP50:F0} ms unloaded; limiter median {limits.Median:F0}, range {limits.Min}-{limits.Max}");
    }

    /// <summary>
    /// A helpdesk agent working while the import runs: opens the ticket list (20 tickets) every so often and notes how
    /// long it took, network included. The latency an import adds to a live helpdesk, seen from outside.
    /// </summary>
    private sealed class AgentProbe : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task<List<(DateTimeOffset At, double Ms)>> _loop;

        private AgentProbe(SimulatorProcess sim, int everyMs, CancellationToken ct)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _loop = LoopAsync(sim, everyMs, _stop.Token);
        }

        public static AgentProbe Start(SimulatorProcess sim, CancellationToken ct, int everyMs = 250) => new(sim, everyMs, ct);

        public static async Task<List<(DateTimeOffset At, double Ms)>> RunAsync(SimulatorProcess sim, TimeSpan duration, CancellationToken ct, int everyMs = 250)
        {
            await using var probe = Start(sim, ct, everyMs);
            await Task.Delay(duration, ct);
            return await probe.StopAsync();
        }

        public async Task<List<(DateTimeOffset At, double Ms)>> StopAsync()
        {
            await _stop.CancelAsync();
            return await _loop;
        }

        private static async Task<List<(DateTimeOffset At, double Ms)>> LoopAsync(SimulatorProcess sim, int everyMs, CancellationToken ct)
        {
            var samples = new List<(DateTimeOffset At, double Ms)>();
            using var http = new HttpClient { BaseAddress = sim.BaseUrl };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", $"{sim.ApiKey}:{sim.ApiSecret}");
            var list = new Uri($"api/resource/HD%20Ticket?fields={Uri.EscapeDataString("[\"name\",\"subject\",\"status\"]")}&order_by={Uri.EscapeDataString("modified desc")}&limit_page_length=20", UriKind.Relative);
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var at = DateTimeOffset.UtcNow;
                    var clock = Stopwatch.StartNew();
                    using var response = await http.GetAsync(list, ct);
                    await response.Content.ReadAsByteArrayAsync(ct);
                    response.EnsureSuccessStatusCode();
                    samples.Add((at, clock.Elapsed.TotalMilliseconds));
                    await Task.Delay(everyMs, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
            }

            return samples;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_loop.IsCompleted)
            {
                await StopAsync();
            }

            _stop.Dispose();
        }
    }

    private static async Task<int> SmallSiteAsync(CancellationToken ct)
    {
        await SmallSiteAsync("import-c", batches: false, ct);
        await SmallSiteAsync("import-c batches", batches: true, ct);
        return 0;
    }

    private static async Task SmallSiteAsync(string label, bool batches, CancellationToken ct)
    {
        await using var sim = await SimulatorProcess.StartAsync(core: 1, ct, controls: true);
        await sim.SetAsync("latency", """{"fixed_ms": 47}""", ct);
        await sim.SetAsync("capacity", """{"capacity": 1}""", ct);
        await using var rig = await PortalRig.StartAsync(sim.BaseUrl, sim.ApiKey, sim.ApiSecret);

        var sequential = await SequentialRateAsync(sim, 100, ct);
        // Every two seconds: a look costs this one-worker site 47 ms, and more often the agent would take the import's share.
        var agentUnloaded = (await AgentProbe.RunAsync(sim, TimeSpan.FromSeconds(4), ct, everyMs: 2000)).Select(l => l.Ms).ToList();
        // The one-at-a-time client again while the same agent works: the agent's looks take 2.3% of this site from either.
        double sequentialWithAgent;
        await using (var agentBeside = AgentProbe.Start(sim, ct, everyMs: 2000))
        {
            sequentialWithAgent = await SequentialRateAsync(sim, 200, ct);
            await agentBeside.StopAsync();
        }

        using var sampler = LimitSampler.Start(rig);
        await using var agent = AgentProbe.Start(sim, ct, everyMs: 2000);
        var (runId, sending) = await rig.ImportAsync(FreshdeskSampleWriter.TicketCsv(400), "tickets.csv", TicketsOnly(), "tickets", new RunOptions { Ceiling = 32, Batches = batches }, ct);
        var window = await rig.RecordWindowBoundsAsync(runId);
        var agentLoaded = (await agent.StopAsync()).Where(l => l.At >= window.From && l.At <= window.To).Select(l => l.Ms).ToList();
        var limits = await sampler.StopAsync();
        var imported = (await rig.RecordsAsync(runId)).Count(r => r.State == RecordState.Succeeded);
        var rate = imported / sending.TotalSeconds;
        var recordsRate = imported / (window.To - window.From).TotalSeconds;
        Report.Line(label, $"small site (1 at a time, 47 ms), an agent looking every 2 s: import {recordsRate:F1} records/s over its records ({rate:F1}/s with the run's fixed costs) vs one-at-a-time {sequentialWithAgent:F1}/s beside the same agent = {recordsRate / sequentialWithAgent:F2} (goal >= ~1); without the agent: one-at-a-time {sequential:F1}/s, import with its fixed costs and the agent = {rate / sequential:F2}");
        Report.Line(label, $"small site: limiter median {limits.Median:F1}, range {limits.Min}-{limits.Max}, in flight median {limits.InFlightMedian:F1}; an agent opening the ticket list every 2 s: p50 {ServerLatencies.Percentile(agentLoaded, 0.5):F0} ms (p90 {ServerLatencies.Percentile(agentLoaded, 0.9):F0} ms) during the import vs {ServerLatencies.Percentile(agentUnloaded, 0.5):F0} ms before");
    }

    /// <summary>The Freshdesk preset's ticket entity alone: no references, no finalise, one POST per record.</summary>
    private static MappingProfile TicketsOnly()
    {
        var preset = FreshdeskTicketExportPreset.Create();
        return preset with
        {
            Name = "bench tickets",
            Entities = preset.Entities.Where(e => e.Entity == EntityKind.Ticket)
                .Select(e => e with { Fields = e.Fields.Where(f => f.References is null && f.Stage == FieldStage.Insert).ToList() })
                .ToList(),
        };
    }

    private static Task<double> SequentialRateAsync(SimulatorProcess sim, int count, CancellationToken ct) =>
        PlainRateAsync(sim, count, 1, "Một lần một phiếu", ct);

    /// <summary>
    /// The same few hundred plain ticket inserts into each fresh site of (a) before its measured phase: both phases then
    /// meet a site that has served requests already. Their tickets carry no external id, so they match nothing the
    /// import looks up.
    /// </summary>
    /// <summary>
    /// The same warm-up for every site: inserts, and the lookups an import makes before its inserts (a list call of a
    /// hundred external ids), so no measured window pays for a site's first requests of either kind.
    /// </summary>
    private static async Task WarmSiteAsync(SimulatorProcess sim, int workers, CancellationToken ct)
    {
        await PlainRateAsync(sim, 600, workers, "Phiếu khởi động", ct);
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", $"{sim.ApiKey}:{sim.ApiSecret}");
        await Concurrently.ForEachAsync(Enumerable.Range(0, 20).ToList(), workers, async batch =>
        {
            var ids = string.Join(',', Enumerable.Range(batch * 100, 100).Select(i => $"\"warm-{i}\""));
            var query = $"api/resource/HD%20Ticket?fields={Uri.EscapeDataString("[\"name\",\"custom_source_id\"]")}" +
                $"&filters={Uri.EscapeDataString($"[[\"custom_source_id\",\"in\",[{ids}]]]")}&order_by={Uri.EscapeDataString("creation asc")}&limit_page_length=0";
            using var response = await http.GetAsync(new Uri(query, UriKind.Relative), ct);
            response.EnsureSuccessStatusCode();
        });
    }

    /// <summary>A bare client with far more requests at once than the site serves: the site's real capacity.</summary>
    private static Task<double> SaturatedRateAsync(SimulatorProcess sim, int count, CancellationToken ct) =>
        PlainRateAsync(sim, count, 48, "Phiếu đo sức chứa", ct);

    private static async Task<double> PlainRateAsync(SimulatorProcess sim, int count, int workers, string subject, CancellationToken ct)
    {
        var bodies = Enumerable.Range(1, count)
            .Select(i => $$"""{"subject": "{{subject}} #{{i}}", "raised_by": "khach{{i}}@example.vn", "opening_date": "2024-01-15", "opening_time": "10:00:00"}""")
            .ToList();
        var elapsed = await PostAllAsync(sim.BaseUrl, sim.ApiKey, sim.ApiSecret, bodies, workers, ct);
        return count / elapsed.TotalSeconds;
    }

    private static async Task<TimeSpan> PostAllAsync(Uri site, string apiKey, string apiSecret, List<string> bodies, int workers, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = site };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", $"{apiKey}:{apiSecret}");
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var path = new Uri("api/resource/HD%20Ticket", UriKind.Relative);
        var stopwatch = Stopwatch.StartNew();
        await Concurrently.ForEachAsync(bodies, workers, async body =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content, ct);
            response.EnsureSuccessStatusCode();
        });
        return stopwatch.Elapsed;
    }

    /// <summary>Samples the site's limit and in-flight count every 100 ms while an import runs.</summary>
    private sealed class LimitSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<(int Limit, int InFlight)> _samples = [];
        private Task _loop = Task.CompletedTask;

        public static LimitSampler Start(PortalRig rig, int everyMs = 100)
        {
            var sampler = new LimitSampler();
            var limit = rig.Pace.Limit;
            sampler._loop = Task.Run(async () =>
            {
                while (!sampler._stop.IsCancellationRequested)
                {
                    if (limit.InFlight > 0)
                    {
                        sampler._samples.Add((limit.Limit, limit.InFlight));
                    }

                    try
                    {
                        await Task.Delay(everyMs, sampler._stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
            return sampler;
        }

        public void Dispose() => _stop.Dispose();

        /// <summary>How the samples spread: the share with every slot taken, with the limit below the ceiling, and by requests in flight.</summary>
        public string Describe(int ceiling)
        {
            if (_samples.Count == 0)
            {
                return "no samples";
            }

            double Share(Func<(int Limit, int InFlight), bool> which) => (double)_samples.Count(which) / _samples.Count;
            return $"{_samples.Count} samples: all {ceiling} in flight {Share(s => s.InFlight >= ceiling):P0}, 12-{ceiling - 1} {Share(s => s.InFlight is >= 12 && s.InFlight < ceiling):P0}, " +
                $"4-11 {Share(s => s.InFlight is >= 4 and < 12):P0}, 1-3 {Share(s => s.InFlight < 4):P0}; limit below {ceiling} {Share(s => s.Limit < ceiling):P0}";
        }

        public async Task<(double Median, int Min, int Max, double InFlightMedian)> StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            if (_samples.Count == 0)
            {
                return (0, 0, 0, 0);
            }

            var limits = _samples.Select(s => (double)s.Limit).Order().ToList();
            var inFlight = _samples.Select(s => (double)s.InFlight).Order().ToList();
            return (limits[limits.Count / 2], _samples.Min(s => s.Limit), _samples.Max(s => s.Limit), inFlight[inFlight.Count / 2]);
        }
    }
}
