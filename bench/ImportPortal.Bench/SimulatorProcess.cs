using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ImportPortal.Bench;

/// <summary>
/// The Frappe simulator as its own process on its own core, the way a real site runs on its own machine: the
/// client's CPU and the site's CPU are then measured apart rather than competing for the same two cores.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, Uri baseUrl, string apiKey, string apiSecret)
    {
        _process = process;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
    }

    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    public string ApiSecret { get; }

    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the simulator built beside the benchmark, pinned to <paramref name="core"/> where taskset is there, and waits until it answers.</summary>
    public static async Task<SimulatorProcess> StartAsync(int core, CancellationToken ct, bool controls = false)
    {
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var (key, secret) = ("benchkey", "benchsecret" + Guid.NewGuid().ToString("N")[..8]);
        var exe = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "FrappeSimulator.exe" : "FrappeSimulator");
        var start = CorePinning.StartInfo(exe, core);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var arg in new[] { "--urls", baseUrl.ToString().TrimEnd('/'), "--api-key", key, "--api-secret", secret, "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        if (controls)
        {
            start.ArgumentList.Add("--faults");
        }

        // A profiler attached to the benchmark must not hold the simulator suspended at start-up waiting for it.
        start.Environment.Remove("DOTNET_DiagnosticPorts");

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {exe}");
        // Drained, so a chatty simulator never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var simulator = new SimulatorProcess(process, baseUrl, key, secret);
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var ping = await http.GetAsync("api/method/ping", ct);
                if (ping.StatusCode == HttpStatusCode.OK)
                {
                    return simulator;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30) || process.HasExited)
            {
                await simulator.DisposeAsync();
                throw new InvalidOperationException($"the simulator at {baseUrl} did not answer within 30 s");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>Sets one of the simulator's knobs over its control endpoints (<c>latency</c>, <c>network</c>, <c>capacity</c>).</summary>
    public async Task SetAsync(string knob, string json, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"__sim/{knob}", content, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The server-side p50 (ms) of the requests since the last call.</summary>
    public async Task<double> DrainServerP50Async(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("__sim/server-latency", content, ct);
        response.EnsureSuccessStatusCode();
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        return body["p50_ms"]!.GetValue<double>();
    }

    /// <summary>The requests the site has served, by method and path (from its control endpoints).</summary>
    public async Task<IReadOnlyDictionary<string, long>> RequestsAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var stats = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("__sim/stats", ct))!;
        return stats["requests"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
