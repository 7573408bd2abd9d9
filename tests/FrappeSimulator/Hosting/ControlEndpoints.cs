using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using FrappeSimulator.Store;

namespace FrappeSimulator.Hosting;

/// <summary>
/// /__sim/... for demos, out-of-process tests and benchmarks (only with ControlEndpoints on): stats, documents,
/// duplicates, the fault plan, latency, network delay, capacity and the server-side latencies seen. No authentication: the simulator only listens on loopback.
/// </summary>
sealed class ControlEndpoints(SimulatedSite site)
{
    public async Task Handle(HttpContext http)
    {
        var path = (http.Request.Path.Value ?? "")["/__sim".Length..].Trim('/');
        var body = http.Request.ContentLength > 0 || http.Request.Method is "POST" or "PUT"
            ? await ReadBody(http)
            : [];
        var parts = path.Split('/', 2);
        JsonNode? result = (http.Request.Method, parts[0]) switch
        {
            ("GET", "stats") => Stats(),
            ("GET", "documents") when parts.Length == 2 => new JsonArray(site.Store.List(Uri.UnescapeDataString(parts[1])).Select(d => (JsonNode)d).ToArray()),
            ("GET", "duplicates") when parts.Length == 2 => Duplicates(Uri.UnescapeDataString(parts[1]), http.Request.Query["field"].ToString()),
            ("POST", "faults") => AddFault(body),
            ("DELETE", "faults") => Clear(),
            ("POST", "latency") => SetLatency(body),
            ("POST", "network") => SetNetwork(body),
            ("POST", "server-latency") => DrainServerLatency(),
            ("POST", "capacity") => SetCapacity(body),
            ("POST", "rate-limit") => SetRateLimit(body),
            ("POST", "reject") => AddRejection(body),
            _ => null,
        };
        if (result is null)
        {
            http.Response.StatusCode = 404;
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(result.ToJsonString(), http.RequestAborted);
    }

    static async Task<JsonObject> ReadBody(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    JsonObject Stats() => new()
    {
        ["documents"] = new JsonObject(site.Store.CountsByDoctype().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["requests"] = new JsonObject(site.Store.Requests.Snapshot().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["peak_concurrency"] = site.Faults.PeakConcurrency,
    };

    JsonArray Duplicates(string doctype, string field) => new(site.Store.FindDuplicates(doctype, field)
        .Select(g => (JsonNode)new JsonObject { ["value"] = g.Value, ["names"] = new JsonArray(g.Names.Select(n => (JsonNode)n).ToArray()) })
        .ToArray());

    /// <summary>{"kind": "Deadlock", "doctype": "HD Ticket", "method": null, "http_method": "POST", "share": 0.1, "nth": 3, "max_hits": 1}</summary>
    JsonObject AddFault(JsonObject body)
    {
        var target = new FaultTarget { Doctype = JsonDocs.Text(body, "doctype"), Method = JsonDocs.Text(body, "method"), HttpMethod = JsonDocs.Text(body, "http_method") };
        var rule = new FaultRule(Enum.Parse<FaultKind>(JsonDocs.Text(body, "kind") ?? "Deadlock", ignoreCase: true), target)
        {
            Share = body["share"]?.GetValue<double>() ?? 1.0,
            NthMatch = body["nth"]?.GetValue<int>(),
            MaxHits = body["max_hits"]?.GetValue<int>(),
        };
        site.Faults.Add(rule);
        return new JsonObject { ["ok"] = true };
    }

    JsonObject Clear()
    {
        site.Faults.Clear();
        return new JsonObject { ["ok"] = true };
    }

    JsonObject SetLatency(JsonObject body)
    {
        site.Faults.Latency = new LatencyProfile(body["fixed_ms"]?.GetValue<int>() ?? 0, body["jitter_ms"]?.GetValue<int>() ?? 0);
        return new JsonObject { ["ok"] = true };
    }

    /// <summary>{"fixed_ms": 100, "jitter_ms": 0}: the round trip of a distant site, spent outside the capacity gate.</summary>
    JsonObject SetNetwork(JsonObject body)
    {
        site.Faults.Network = new LatencyProfile(body["fixed_ms"]?.GetValue<int>() ?? 0, body["jitter_ms"]?.GetValue<int>() ?? 0);
        return new JsonObject { ["ok"] = true };
    }

    /// <summary>Server-side latencies recorded since the last call (then forgotten): count and p50 in milliseconds.</summary>
    JsonObject DrainServerLatency()
    {
        var values = site.Faults.ServerLatency.Drain();
        return new JsonObject { ["count"] = values.Count, ["p50_ms"] = values.Count == 0 ? 0 : ServerLatencies.Percentile(values, 0.5) };
    }

    JsonObject SetCapacity(JsonObject body)
    {
        site.Faults.Capacity = body["capacity"]?.GetValue<int>();
        return new JsonObject { ["ok"] = true };
    }

    JsonObject SetRateLimit(JsonObject body)
    {
        if (body["requests"]?.GetValue<int>() is { } requests)
        {
            site.Faults.LimitRate(requests, TimeSpan.FromSeconds(body["window_seconds"]?.GetValue<double>() ?? 60));
        }
        else
        {
            site.Faults.RemoveRateLimit();
        }

        return new JsonObject { ["ok"] = true };
    }

    /// <summary>{"doctype": "HD Ticket", "field": "subject", "contains": "X", "message": "M", "exc_type": "ValidationError"}</summary>
    JsonObject AddRejection(JsonObject body)
    {
        var field = JsonDocs.Text(body, "field") ?? "name";
        var contains = JsonDocs.Text(body, "contains") ?? "";
        site.Faults.Rejections.Add(
            JsonDocs.Text(body, "doctype") ?? "",
            doc => JsonDocs.Text(doc, field)?.Contains(contains, StringComparison.OrdinalIgnoreCase) == true,
            JsonDocs.Text(body, "message") ?? "Rejected by the simulator",
            JsonDocs.Text(body, "exc_type") ?? "ValidationError");
        return new JsonObject { ["ok"] = true };
    }
}
