using System.Diagnostics;
using System.Globalization;
using System.Text;
using FrappeSimulator.Hosting;

namespace ImportPortal.Bench;

/// <summary>
/// How many inserts per second the Frappe simulator serves to a plain HttpClient loop with no latency and no faults,
/// so it is known never to be the bottleneck of an import benchmark.
/// </summary>
internal static class SimulatorThroughput
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
        Console.WriteLine($"simulator at {sim.BaseUrl}, {options.Workers} workers, {options.Seconds} s per doctype, {Environment.ProcessorCount} cores");
        foreach (var doctype in new[] { "HD Customer", "Contact", "HD Ticket" })
        {
            await MeasureAsync(sim, doctype, options, TimeSpan.FromSeconds(1)); // warm-up
            var (count, elapsed) = await MeasureAsync(sim, doctype, options, TimeSpan.FromSeconds(options.Seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{doctype,-12} {count / elapsed.TotalSeconds,8:F0} inserts/s  ({count} in {elapsed.TotalSeconds:F1} s)"));
        }

        return 0;
    }

    private static async Task<(long Count, TimeSpan Elapsed)> MeasureAsync(SimulatorHandle sim, string doctype, BenchOptions options, TimeSpan duration)
    {
        using var http = sim.CreateClient();
        var path = new Uri("api/resource/" + Uri.EscapeDataString(doctype), UriKind.Relative);
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, options.Workers).Select(async worker =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref count);
                using var body = new StringContent(Document(doctype, worker, n), Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(path, body);
                response.EnsureSuccessStatusCode();
            }
        });
        await Task.WhenAll(workers);
        return (count, stopwatch.Elapsed);
    }

    private static string Document(string doctype, int worker, long n) => doctype switch
    {
        "HD Customer" => $$"""{"customer_name": "Công ty {{worker}}-{{n}}-{{Guid.NewGuid():N}}"}""",
        "Contact" => $$"""{"first_name": "Nguyễn", "last_name": "Văn {{n}}", "email_ids": [{"email_id": "khach{{n}}.{{Guid.NewGuid():N}}@haravan.example", "is_primary": 1}]}""",
        _ => $$"""{"subject": "Không đăng nhập được #{{n}}", "raised_by": "khach{{n}}@haravan.example", "opening_date": "2024-01-15", "opening_time": "10:00:00"}""",
    };
}
