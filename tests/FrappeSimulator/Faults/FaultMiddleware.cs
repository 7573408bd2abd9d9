using System.Diagnostics;
using System.Globalization;
using FrappeSimulator.Api;
using FrappeSimulator.Hosting;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Faults;

/// <summary>Counts every /api request, then applies the fault plan: capacity queue, latency, rate limit, fault rules.</summary>
sealed class FaultMiddleware(RequestDelegate next, SimulatedSite site)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await next(http);
            return;
        }

        var target = RequestTarget.From(http.Request.Method, path);
        site.Store.Requests.Record(target.Route);
        var plan = site.Faults;
        var network = plan.NextNetworkMs();
        if (network > 0)
        {
            await Task.Delay(network / 2, http.RequestAborted);
        }

        // With a network delay the answer is held back after the server is done with it, as a slow link would.
        var wire = http.Response.Body;
        var held = network > 0 ? new MemoryStream() : null;
        if (held is not null)
        {
            http.Response.Body = held;
        }

        var arrived = Stopwatch.GetTimestamp();
        var gate = plan.Gate;
        if (gate is not null)
        {
            await gate.WaitAsync(http.RequestAborted);
        }

        plan.Entered();
        try
        {
            await Serve(http, target, plan);
        }
        finally
        {
            plan.Left();
            gate?.Release();
            plan.ServerLatency.Record(Stopwatch.GetElapsedTime(arrived));
        }

        if (held is not null)
        {
            http.Response.Body = wire;
            await Task.Delay(network - network / 2, http.RequestAborted);
            held.Position = 0;
            await held.CopyToAsync(wire, http.RequestAborted);
        }
    }

    /// <summary>
    /// A service time is the whole time the server spends on a request, its own work included: the request is handled
    /// at once and its answer held back until the time is up, so a site set to 45 ms at 8 at once serves 8/0.045 a
    /// second, not less by whatever the handling itself costs.
    /// </summary>
    async Task Serve(HttpContext http, RequestTarget target, FaultPlan plan)
    {
        var delay = plan.NextDelayMs();
        if (delay <= 0)
        {
            await Respond(http, target, plan);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var wire = http.Response.Body;
        var held = new MemoryStream();
        http.Response.Body = held;
        await Respond(http, target, plan);
        if (http.RequestAborted.IsCancellationRequested || http.Response.Body != held)
        {
            // Reset or dropped on purpose: there is no answer to hold.
            return;
        }

        http.Response.Body = wire;
        if (http.Items[BatchCost.ItemKey] is double cost)
        {
            delay = (int)Math.Round(delay * cost);
        }

        // Timers count whole milliseconds and may fire a fraction early: wait again until the time is really up.
        TimeSpan remaining;
        while ((remaining = TimeSpan.FromMilliseconds(delay) - Stopwatch.GetElapsedTime(started)) > TimeSpan.Zero)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds)), http.RequestAborted);
        }

        held.Position = 0;
        await held.CopyToAsync(wire, http.RequestAborted);
    }

    async Task Respond(HttpContext http, RequestTarget target, FaultPlan plan)
    {
        if (plan.RateLimit is { } budget && !RateLimitAllows(http, budget.Take()))
        {
            await FrappeResponses.Error(http, FrappeErrors.TooManyRequests());
            return;
        }

        switch (plan.Decide(target))
        {
            case FaultKind.Deadlock:
                await FrappeResponses.Error(http, FrappeErrors.Deadlock());
                break;
            case FaultKind.BadGateway:
                await ProxyPages.Write(http, 502);
                break;
            case FaultKind.GatewayTimeout:
                await ProxyPages.Write(http, 504);
                break;
            case FaultKind.ConnectionReset:
                http.Abort();
                break;
            case FaultKind.CommitThenDrop:
                // The handler writes into a buffer nobody sends; the work is committed, then the client loses the connection.
                http.Response.Body = new MemoryStream();
                await next(http);
                http.Abort();
                break;
            default:
                await next(http);
                break;
        }
    }

    static bool RateLimitAllows(HttpContext http, RateLimitState state)
    {
        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = state.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = state.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = state.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (state.Exceeded)
        {
            headers.RetryAfter = state.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return !state.Exceeded;
    }
}
