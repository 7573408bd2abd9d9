using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Contract;

/// <summary>Replays a whole version folder once, in order, against a fresh simulator; each test then checks one answer.</summary>
public static class ReplaySession
{
    static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, Exchange>>>> Sessions = new();

    /// <summary>The recordings ran on Sunday 2026-11-29 from about 13:27 UTC; the clock starts there and ticks 1 ms per read.</summary>
    static readonly DateTimeOffset RecordingTime = new(2026, 11, 29, 13, 27, 0, TimeSpan.Zero);

    public static Task<IReadOnlyDictionary<string, Exchange>> For(string version) =>
        Sessions.GetOrAdd(version, v => new Lazy<Task<IReadOnlyDictionary<string, Exchange>>>(() => Run(v))).Value;

    static async Task<IReadOnlyDictionary<string, Exchange>> Run(string version)
    {
        var options = new SimulatorOptions
        {
            Helpdesk = version == RecordingLibrary.V1_4 ? HelpdeskVersion.V1_4 : HelpdeskVersion.V1_22,
            TimeProvider = new SteppingClock(RecordingTime, TimeSpan.FromMilliseconds(1)),
        };
        await using var simulator = await SimulatorHost.StartAsync(options);
        PriorState.Seed(simulator, version);
        using var client = new HttpClient { BaseAddress = simulator.BaseUrl };
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new Dictionary<string, Exchange>(StringComparer.Ordinal);
        foreach (var file in RecordingLibrary.Files(version))
        {
            var recording = Recording.Load(version, Path.Combine(RecordingLibrary.Root(), version, file));
            PriorState.Before(simulator, version, file);
            var exchange = await Send(client, simulator, recording, names);
            GeneratedNames.Learn(recording.Response, exchange, names);
            results[file] = exchange;
        }

        return results;
    }

    static async Task<Exchange> Send(HttpClient client, SimulatorHandle simulator, Recording recording, Dictionary<string, string> names)
    {
        using var request = new HttpRequestMessage(new HttpMethod(recording.Method), Target(recording, names));
        Headers(request, simulator, recording.File);
        if (recording.Body is { } body)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Exchange((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    static string Target(Recording recording, Dictionary<string, string> names)
    {
        var path = recording.Path.TrimStart('/');
        foreach (var (recorded, actual) in names)
        {
            path = path.Replace(recorded, actual, StringComparison.Ordinal);
        }

        path = path.Replace(" ", "%20", StringComparison.Ordinal);
        if (recording.Params is not { Count: > 0 } parameters)
        {
            return path;
        }

        var query = parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(Text(p.Value))}");
        return $"{path}?{string.Join("&", query)}";
    }

    static string Text(JsonNode? value) => value is JsonValue v && v.TryGetValue(out string? s) ? s : value?.ToJsonString() ?? "";

    /// <summary>Request headers were not recorded; the file names say which probes used a bad token, none, or Accept: text/html.</summary>
    static void Headers(HttpRequestMessage request, SimulatorHandle simulator, string file)
    {
        if (file.Contains("bad-token", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("token", "wrong-key:wrong-secret");
        }
        else if (!file.Contains("no-auth", StringComparison.Ordinal))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("token", $"{simulator.ApiKey}:{simulator.ApiSecret}");
        }

        var accept = file.Contains("html-accept", StringComparison.Ordinal) ? "text/html" : "application/json";
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
    }
}
