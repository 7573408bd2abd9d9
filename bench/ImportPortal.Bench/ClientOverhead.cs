using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImportPortal.Frappe;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Bench;

/// <summary>
/// Where the portal's HTTP client spends its CPU over a bare HttpClient: the same ticket bodies posted 16 at once to
/// one simulator on its own core, by (1) a bare HttpClient, (2) the portal's handler chain (site handler, pacing,
/// resilience pipeline, pace observer) without Refit, (3) the portal's whole client (Refit, decoding, the chain).
/// The variants take turns, several rounds, so the machine's drift touches each alike; CPU per request is the figure.
/// </summary>
internal static class ClientOverhead
{
    private const int Workers = 16;

    public static async Task<int> RunAsync(BenchOptions options, string[] args, CancellationToken ct)
    {
        if (Environment.ProcessorCount > 1 && CorePinning.Available)
        {
            return await CorePinning.RunPinnedAsync(core: 0, args, ct);
        }

        var count = options.Tickets ?? 3000;
        var rounds = options.Repeat ?? 3;
        await using var sim = await SimulatorProcess.StartAsync(core: 1, ct);
        await using var rig = await PortalRig.StartAsync(sim.BaseUrl, sim.ApiKey, sim.ApiSecret);
        var connection = new FrappeSiteConnection(sim.BaseUrl, sim.ApiKey, sim.ApiSecret);
        var portal = rig.Services.GetRequiredService<FrappeSiteClientFactory>().Create(connection);
        var chain = rig.Services.GetRequiredService<IHttpClientFactory>().CreateClient(Refit.UniqueName.ForType<IFrappeApi>());
        using var bare = new HttpClient { BaseAddress = sim.BaseUrl };
        bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", $"{sim.ApiKey}:{sim.ApiSecret}");
        bare.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var siteKey = new HttpRequestOptionsKey<FrappeSiteConnection>(FrappeSiteConnection.OptionKey);

        var variants = new (string Name, Func<string, CancellationToken, Task> Post)[]
        {
            ("bare HttpClient", async (body, c) =>
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await bare.PostAsync("api/resource/HD%20Ticket", content, c);
                response.EnsureSuccessStatusCode();
            }),
            ("portal handler chain, no Refit", async (body, c) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/resource/HD%20Ticket") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Options.Set(siteKey, connection);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await chain.SendAsync(request, c);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(c);
            }),
            ("portal client (Refit, decoding)", async (body, c) => await portal.InsertAsync("HD Ticket", JsonNode.Parse(body)!.AsObject(), c)),
        };

        var cpu = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var rates = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var allocated = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var self = Process.GetCurrentProcess();
        var serial = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, post) in variants)
            {
                var bodies = Enumerable.Range(0, count).Select(_ => Body(Interlocked.Increment(ref serial))).ToList();
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime;
                var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                await Concurrently.ForEachAsync(bodies, Workers, body => post(body, ct));
                rates[name].Add(count / clock.Elapsed.TotalSeconds);
                allocated[name].Add((GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / 1024.0 / count);
                self.Refresh();
                cpu[name].Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds / count);
            }
        }

        foreach (var (name, _) in variants)
        {
            Report.Line("client", $"{name}: {Median(cpu[name]):F3} ms CPU per request (range {cpu[name].Min():F3}-{cpu[name].Max():F3}), {Median(rates[name]):F0} requests/s, {Median(allocated[name]):F1} KB allocated per request");
        }

        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Body(int i) =>
        new JsonObject
        {
            ["subject"] = $"Không đăng nhập được vào cửa hàng #{i}",
            ["raised_by"] = $"khach{i}@example.vn",
            ["description"] = "<p>Chào anh/chị, tôi không đăng nhập được từ sáng nay.</p>",
            ["priority"] = "Medium",
            ["ticket_type"] = "Unspecified",
            ["opening_date"] = "2024-01-15",
            ["opening_time"] = "10:00:00",
            ["custom_source_id"] = $"fd-{i}",
        }.ToJsonString();
}
