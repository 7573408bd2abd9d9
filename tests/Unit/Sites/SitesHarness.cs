using FrappeSimulator.Hosting;
using ImportPortal.Frappe;
using ImportPortal.Mappings;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.DataProtection;
using ImportPortal.Persistence;
using ImportPortal.Sites;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportPortal.Tests.Unit.Sites;

/// <summary>The portal's site services on a real SQLite file and Data Protection keys, with a simulator to connect to.</summary>
public sealed class SitesHarness : IAsyncDisposable
{
    private readonly string _dataDir;

    private SitesHarness(string dataDir, ServiceProvider services, SimulatorHandle simulator, CapturingLoggerProvider logs)
    {
        _dataDir = dataDir;
        Services = services;
        Simulator = simulator;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public SimulatorHandle Simulator { get; }

    public CapturingLoggerProvider Logs { get; }

    public SiteCatalog Catalog => Services.GetRequiredService<SiteCatalog>();

    public SitePreflight Preflight => Services.GetRequiredService<SitePreflight>();

    public SiteInput SimulatorInput(string name = "Hỗ trợ Haravan") =>
        new() { Name = name, BaseUrl = Simulator.BaseUrl.ToString(), ApiKey = Simulator.ApiKey, ApiSecret = Simulator.ApiSecret };

    public static async Task<SitesHarness> StartAsync(SimulatorOptions? simulator = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "importportal-sites-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var sim = await SimulatorHost.StartAsync(simulator);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.Configure<PortalOptions>(o => o.DataDir = dataDir);
        services.AddPersistence();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        services.AddFrappeSites(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:Frappe:FirstRetryDelay"] = "00:00:00.010",
        }).Build());
        services.AddSiteManagement();
        services.AddUploads(new ConfigurationBuilder().Build());
        services.AddMappingProfiles();
        var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        return new SitesHarness(dataDir, provider, sim, logs);
    }

    public async Task<T> InDatabaseAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Every byte in the data folder (database, WAL, keys) as Latin-1 text, to search for what must not be there.</summary>
    public async Task<string> ReadDataFolderAsTextAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.EnumerateFiles(_dataDir, "*", SearchOption.AllDirectories))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }
}
