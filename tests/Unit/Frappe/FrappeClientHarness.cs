using FrappeSimulator.Hosting;
using ImportPortal.Domain.Frappe;
using ImportPortal.Frappe;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportPortal.Tests.Unit.Frappe;

/// <summary>The portal's Frappe client, wired as the portal wires it, talking HTTP to a simulator on loopback.</summary>
public sealed class FrappeClientHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private FrappeClientHarness(SimulatorHandle simulator, ServiceProvider services, CapturingLoggerProvider logs)
    {
        Simulator = simulator;
        _services = services;
        Logs = logs;
        Factory = services.GetRequiredService<FrappeSiteClientFactory>();
        Connection = new FrappeSiteConnection(simulator.BaseUrl, simulator.ApiKey, simulator.ApiSecret);
        Site = Factory.Create(Connection);
    }

    public SimulatorHandle Simulator { get; }

    public CapturingLoggerProvider Logs { get; }

    public FrappeSiteClientFactory Factory { get; }

    public FrappeSiteConnection Connection { get; }

    public IFrappeSite Site { get; }

    public static async Task<FrappeClientHarness> StartAsync(
        TimeProvider? time = null, SimulatorOptions? simulator = null, IDictionary<string, string?>? clientSettings = null)
    {
        time ??= TimeProvider.System;
        var sim = await SimulatorHost.StartAsync((simulator ?? new SimulatorOptions()) with { TimeProvider = time });
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Frappe:FirstRetryDelay"] = "00:00:00.010",
            ["Portal:Frappe:AttemptTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in clientSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton(time);
        services.AddFrappeSites(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return new FrappeClientHarness(sim, services.BuildServiceProvider(), logs);
    }

    public IFrappeSite SiteWith(string apiKey, string apiSecret) =>
        Factory.Create(Connection with { ApiKey = apiKey, ApiSecret = apiSecret });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
