using System.Security.Cryptography;
using FrappeSimulator.Api;
using FrappeSimulator.Faults;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace FrappeSimulator.Hosting;

/// <summary>Starts a simulated Frappe + Helpdesk site on loopback, in-process, with one call.</summary>
public static class SimulatorHost
{
    public static async Task<SimulatorHandle> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        RequireLoopback(options.Url);
        var apiKey = options.ApiKey ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))[..15];
        var apiSecret = options.ApiSecret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))[..15];
        var site = new SimulatedSite(options, new FaultPlan(options.FaultSeed, options.TimeProvider));
        SeedData.FreshHelpdesk(site);
        if (options.DataFile is { } file && File.Exists(file))
        {
            await DataFile.LoadAsync(site, file, cancellationToken);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.WebHost.UseUrls(options.Url);
        AllowUploadsOf(builder, options.MaxFileSize);
        var app = builder.Build();
        var api = new FrappeApi(site, apiKey, apiSecret);
        var control = new ControlEndpoints(site);
        // Gunicorn reads the request line before anything else (and before any fault nginx or Frappe could add).
        app.UseMiddleware<RequestLineLimit>(options.MaxRequestLine);
        app.UseMiddleware<FaultMiddleware>(site);
        app.Run(http => http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            ? api.Handle(http)
            : options.ControlEndpoints && http.Request.Path.StartsWithSegments("/__sim", StringComparison.Ordinal)
                ? control.Handle(http)
                : NotFound(http));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHandle(app, site, new Uri(address.TrimEnd('/') + "/"), apiKey, apiSecret);
    }

    /// <summary>Room for a file of the site's maximum size and its form fields (Kestrel stops bodies at 30 MB by default).</summary>
    static void AllowUploadsOf(WebApplicationBuilder builder, long maxFileSize)
    {
        var bodyLimit = Math.Max(30_000_000, maxFileSize + (1 << 20));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = bodyLimit);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = Math.Max(form.MultipartBodyLengthLimit, bodyLimit));
    }

    static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    /// <summary>The simulator has a known API secret and no real security: never expose it beyond this machine.</summary>
    static void RequireLoopback(string url)
    {
        var host = new Uri(url.Replace("://+", "://unknown", StringComparison.Ordinal).Replace("://*", "://unknown", StringComparison.Ordinal)).Host;
        if (host is not ("127.0.0.1" or "localhost" or "[::1]"))
        {
            throw new ArgumentException($"The simulator only binds loopback addresses, not {url}", nameof(url));
        }
    }
}
