using FrappeSimulator.Hosting;
using ImportPortal.Frappe;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Sites;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Sites;

/// <summary>The portal's site, upload and mapping services on a real data folder, with a simulator to connect to.</summary>
public sealed class SitesHarness : IAsyncDisposable
{
    private readonly PortalServices _portal;

    private SitesHarness(PortalServices portal, SimulatorHandle simulator)
    {
        _portal = portal;
        Simulator = simulator;
    }

    public ServiceProvider Services => _portal.Provider;

    public SimulatorHandle Simulator { get; }

    public CapturingLoggerProvider Logs => _portal.Logs;

    public SiteCatalog Catalog => _portal.Get<SiteCatalog>();

    public SitePreflight Preflight => _portal.Get<SitePreflight>();

    public SiteInput SimulatorInput(string name = "Hỗ trợ Haravan") =>
        new() { Name = name, BaseUrl = Simulator.BaseUrl.ToString(), ApiKey = Simulator.ApiKey, ApiSecret = Simulator.ApiSecret };

    public static async Task<SitesHarness> StartAsync(SimulatorOptions? simulator = null)
    {
        var sim = await SimulatorHost.StartAsync(simulator);
        var portal = await PortalServices.StartAsync((services, options) =>
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDir, "keys")));
            services.AddFrappeSites(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:Frappe:FirstRetryDelay"] = "00:00:00.010",
            }).Build());
            services.AddSiteManagement();
            services.AddUploads(new ConfigurationBuilder().Build());
            services.AddMappingProfiles();
            // Real Hangfire storage in the data folder, for what enqueues jobs; no job server runs here.
            services.AddImportJobs();
        });
        return new SitesHarness(portal, sim);
    }

    public Task<T> InDatabaseAsync<T>(Func<PortalDbContext, Task<T>> query) => _portal.InDatabaseAsync(query);

    /// <summary>A CSV uploaded and analysed, as the portal offers every upload (its tables and columns known).</summary>
    public async Task<Guid> UploadCsvAsync(string csv, string name)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        var outcome = await _portal.Get<UploadStore>().SaveAsync(stream, name, "van.hanh", null, CancellationToken.None);
        var upload = outcome.UploadId ?? throw new InvalidOperationException(outcome.ProblemKey);
        await _portal.Get<ProfileUploadJob>().ExecuteAsync(upload, CancellationToken.None);
        return upload;
    }

    /// <summary>Every byte in the data folder (database, WAL, keys) as Latin-1 text, to search for what must not be there.</summary>
    public async Task<string> ReadDataFolderAsTextAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.EnumerateFiles(_portal.DataDir, "*", SearchOption.AllDirectories))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
