using FrappeSimulator.Hosting;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Frappe;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Sites;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// The portal's run services on a real data folder and SQLite database, a simulator site connected as the
/// operator would connect it, and helpers to upload, map and run. Jobs are executed in the test, not by a server.
/// </summary>
public sealed class RunsHarness : IAsyncDisposable
{
    private readonly PortalServices _portal;

    private RunsHarness(PortalServices portal, SimulatorHandle simulator)
    {
        _portal = portal;
        Simulator = simulator;
    }

    public SimulatorHandle Simulator { get; }

    public ServiceProvider Services => _portal.Provider;

    public Guid SiteId { get; private set; }

    public RunService Runs => _portal.Get<RunService>();

    public RunQueries Queries => _portal.Get<RunQueries>();

    public static async Task<RunsHarness> StartAsync(SimulatorOptions? simulator = null, bool externalIdFields = true)
    {
        var sim = await SimulatorHost.StartAsync(simulator);
        var portal = await PortalServices.StartAsync((services, options) =>
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDir, "keys")));
            var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:Frappe:FirstRetryDelay"] = "00:00:00.010",
                ["Portal:Frappe:AttemptTimeout"] = "00:00:10",
                ["Portal:Frappe:MaxRetryAfter"] = "00:00:02",
            }).Build();
            services.AddFrappeSites(settings);
            services.AddSiteManagement();
            services.AddUploads(new ConfigurationBuilder().Build());
            services.AddMappingProfiles();
            services.AddImportJobs();
            services.AddLocalization();
            services.AddImportRuns(settings);
        });
        var harness = new RunsHarness(portal, sim);
        var catalog = portal.Get<SiteCatalog>();
        var added = await catalog.AddAsync("quan.tri", new SiteInput { Name = "Hỗ trợ Haravan", BaseUrl = sim.BaseUrl.ToString(), ApiKey = sim.ApiKey, ApiSecret = sim.ApiSecret }, CancellationToken.None);
        harness.SiteId = added.Id!.Value;
        if (externalIdFields)
        {
            await portal.Get<SitePreflight>().CreateExternalIdFieldsAsync("quan.tri", harness.SiteId, CancellationToken.None);
        }

        return harness;
    }

    public async Task<Guid> UploadAsync(byte[] content, string name)
    {
        using var stream = new MemoryStream(content);
        var outcome = await _portal.Get<UploadStore>().SaveAsync(stream, name, "van.hanh", null, CancellationToken.None);
        return outcome.UploadId ?? throw new InvalidOperationException(outcome.ProblemKey);
    }

    public async Task<Guid> ProfileAsync(MappingProfile profile)
    {
        var result = await _portal.Get<MappingProfileStore>().ImportAsync("van.hanh", MappingProfileJson.Serialize(profile), CancellationToken.None);
        return result.Id ?? throw new InvalidOperationException(result.ProblemKey);
    }

    /// <summary>Uploads a Freshdesk ticket CSV, maps it with the preset and starts a run; returns the run id (the job has not run yet).</summary>
    public async Task<Guid> StartTicketRunAsync(byte[] csv, RunOptions? options = null, string profileName = "Freshdesk phiếu")
    {
        var upload = await UploadAsync(csv, "tickets.csv");
        var profile = await ProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = profileName });
        return await StartAsync(profile, new Dictionary<string, TableBinding> { ["tickets"] = new(upload, null) }, options);
    }

    public async Task<Guid> StartAsync(Guid profileId, IReadOnlyDictionary<string, TableBinding> bindings, RunOptions? options = null)
    {
        var result = await Runs.StartAsync("van.hanh", new StartRunRequest(SiteId, profileId, bindings, options ?? new RunOptions { Ceiling = 8 }), CancellationToken.None);
        return result.RunId ?? throw new InvalidOperationException(result.ErrorKey);
    }

    /// <summary>Runs the run's job here, as a Hangfire worker would.</summary>
    public Task ExecuteAsync(Guid runId, CancellationToken ct = default) =>
        _portal.Get<RunImportJob>().ExecuteAsync(runId, ct);

    public Task RetryAsync(Guid runId, IReadOnlyList<long>? ids) =>
        _portal.Get<RetryRecordsJob>().ExecuteAsync(runId, ids, CancellationToken.None);

    public Task<T> InDatabaseAsync<T>(Func<PortalDbContext, Task<T>> query) => _portal.InDatabaseAsync(query);

    public Task<RunState> StateAsync(Guid runId) => InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).Select(r => r.State).FirstAsync());

    public Task<List<ImportRecord>> RecordsAsync(Guid runId) => InDatabaseAsync(db => db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
