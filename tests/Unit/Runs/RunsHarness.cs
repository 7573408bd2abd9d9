using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using Hangfire;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Frappe;
using ImportPortal.Jobs;
using ImportPortal.TestData;
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
using Microsoft.Extensions.Logging;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// The portal's run services on a real data folder and SQLite database, a simulator site connected as the
/// operator would connect it, and helpers to upload, map and run. Jobs are executed in the test, not by a server.
/// </summary>
public sealed class RunsHarness : IAsyncDisposable
{
    private readonly PortalServices _portal;

    private RunsHarness(PortalServices portal, SimulatorHandle simulator, RecordingJobClient jobs, ResponseCounter responses)
    {
        _portal = portal;
        Simulator = simulator;
        Jobs = jobs;
        Responses = responses;
    }

    public SimulatorHandle Simulator { get; }

    /// <summary>The jobs the portal enqueued (not run: a test runs them with <see cref="ExecuteAsync"/> and <see cref="RetryAsync"/>).</summary>
    public RecordingJobClient Jobs { get; }

    /// <summary>The status of every HTTP attempt the portal made, retries included.</summary>
    public ResponseCounter Responses { get; }

    public ServiceProvider Services => _portal.Provider;

    public CapturingLoggerProvider Logs => _portal.Logs;

    /// <summary>The portal's data folder (its database is portal.db in it).</summary>
    public string DataDir => _portal.DataDir;

    public Guid SiteId { get; private set; }

    public RunService Runs => _portal.Get<RunService>();

    public RunQueries Queries => _portal.Get<RunQueries>();

    /// <param name="insertMany">Doctypes a run with batches sends with insert_many (Portal:Runs:InsertManyDoctypes); null keeps the default.</param>
    /// <param name="configure">What a test adds to the portal's services, last.</param>
    public static async Task<RunsHarness> StartAsync(SimulatorOptions? simulator = null, bool externalIdFields = true, string? insertMany = null, Action<IServiceCollection>? configure = null)
    {
        var sim = await SimulatorHost.StartAsync(simulator);
        var jobs = new RecordingJobClient();
        var responses = new ResponseCounter();
        var portal = await PortalServices.StartAsync((services, options) =>
        {
            // Every EF command, HTTP attempt and retry logged at Trace and kept in memory costs more CPU than the import itself.
            services.AddLogging(logging => logging
                .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning)
                .AddFilter("System.Net.Http", LogLevel.Warning)
                .AddFilter("Polly", LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Http", LogLevel.Warning));
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDir, "keys")));
            var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:Frappe:FirstRetryDelay"] = "00:00:00.010",
                ["Portal:Frappe:AttemptTimeout"] = "00:00:10",
                ["Portal:Frappe:MaxRetryAfter"] = "00:00:02",
                // A lapsed lease (a job that died) is taken over quickly; pause and cancel are read four times a second.
                ["Portal:Runs:LeaseDuration"] = "00:00:02",
                ["Portal:Runs:HeartbeatInterval"] = "00:00:00.250",
                // A site that stops answering is waited for a second, not ten minutes.
                ["Portal:Runs:OutagePatience"] = "00:00:01",
                // A paused run keeps its site quiet for a second, not half an hour.
                ["Portal:Runs:QuietPauseLimit"] = "00:00:01",
                ["Portal:Runs:InsertManyDoctypes"] = insertMany,
                // Attachments come from a store on loopback (AttachmentOrigin), and arrive within seconds or not at all.
                ["Portal:Runs:AttachmentHosts"] = "127.0.0.1",
                ["Portal:Runs:AttachmentTimeout"] = "00:00:05",
            }.Where(p => p.Value is not null)).Build();
            services.AddLocalization();
            services.AddImportMachinery(settings);
            services.AddSingleton<IBackgroundJobClient>(jobs);
            services.AddSingleton<Microsoft.Extensions.Http.IHttpMessageHandlerBuilderFilter>(responses);
            configure?.Invoke(services);
        });
        var harness = new RunsHarness(portal, sim, jobs, responses);
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
        var upload = outcome.UploadId ?? throw new InvalidOperationException(outcome.ProblemKey);

        // Analysed, as every upload is before the portal offers it: a run finds the lookup tables an archive holds
        // (an account export's groups) from the tables its analysis lists.
        await _portal.Get<ProfileUploadJob>().ExecuteAsync(upload, CancellationToken.None);
        return upload;
    }

    public async Task<Guid> ProfileAsync(MappingProfile profile)
    {
        var result = await _portal.Get<MappingProfileStore>().ImportAsync("van.hanh", MappingProfileJson.Serialize(profile), CancellationToken.None);
        return result.Id ?? throw new InvalidOperationException(result.ProblemKey);
    }

    /// <summary>
    /// Uploads a Freshdesk ticket CSV, maps it with the preset and starts a run; returns the run id (the job has not run
    /// yet). The sample export's agent is on the site already (<see cref="SeedTicketExportAgent"/>) unless
    /// <paramref name="agentOnSite"/> says otherwise: the export names its agent only as Helpdesk shows them.
    /// </summary>
    public async Task<Guid> StartTicketRunAsync(byte[] csv, RunOptions? options = null, string profileName = "Freshdesk phiếu", bool agentOnSite = true)
    {
        if (agentOnSite)
        {
            SeedTicketExportAgent();
        }

        var upload = await UploadAsync(csv, "tickets.csv");
        var profile = await ProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = profileName });
        return await StartAsync(profile, new Dictionary<string, TableBinding> { ["tickets"] = new(upload, null) }, options);
    }

    /// <summary>Replaces the one upload's file on the portal's disk by bytes no reader takes (a PNG's start), as a damaged disk or a careless hand could.</summary>
    public async Task SpoilTheUploadAsync()
    {
        var upload = await InDatabaseAsync(db => db.Uploads.SingleAsync());
        await File.WriteAllBytesAsync(Services.GetRequiredService<UploadStore>().PathOf(upload), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0]);
    }

    /// <summary>Uploads a generated account export and binds its three tables as the preset names them.</summary>
    public async Task<IReadOnlyDictionary<string, TableBinding>> UploadAccountExportAsync(AccountExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var upload = await UploadAsync(export.ToZip(), "freshdesk-export.zip");
        return new Dictionary<string, TableBinding>
        {
            ["companies"] = new(upload, "companies"),
            ["users"] = new(upload, "users"),
            ["tickets"] = new(upload, "tickets"),
        };
    }

    /// <summary>The account-export preset with the source in Ho Chi Minh time and the site in UTC.</summary>
    public Task<Guid> AccountExportProfileAsync(string name = "Freshdesk tài khoản") =>
        ProfileAsync(FreshdeskAccountExportPreset.Create(siteTimeZone: "UTC") with { Name = name, SourceTimeZone = "Asia/Ho_Chi_Minh" });

    /// <summary>
    /// Uploads the export, maps it with the preset and starts a run (the job has not run yet). The run creates the
    /// export's agents itself (users and HD Agents), before the messages that name them.
    /// </summary>
    public async Task<Guid> StartAccountExportRunAsync(AccountExport export, RunOptions? options = null)
    {
        var bindings = await UploadAccountExportAsync(export);
        return await StartAsync(await AccountExportProfileAsync(), bindings, options);
    }

    /// <summary>
    /// Puts the sample ticket export's agent on the site (User and HD Agent with the name the export gives), the way a
    /// team that has set up its new Helpdesk has them; once.
    /// </summary>
    public void SeedTicketExportAgent()
    {
        var (_, name, email) = FreshdeskSampleWriter.Agents[0];
        Simulator.SeedAgent(email, name);
    }

    /// <summary>Puts the export's agents on the site already (User and HD Agent), the way a team that has set up its new Helpdesk has them.</summary>
    public void SeedAgents(AccountExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        foreach (var agent in export.Agents)
        {
            Simulator.SeedAgent(agent.Email, agent.Name);
        }
    }

    /// <summary>Turns the site's acknowledgement e-mails on or off in HD Settings, as its administrator would.</summary>
    public async Task SetAcknowledgementMailsAsync(bool on)
    {
        using var http = Simulator.CreateClient();
        using var body = new StringContent($$"""{"send_acknowledgement_email": {{(on ? 1 : 0)}}}""", System.Text.Encoding.UTF8, "application/json");
        (await http.PutAsync(new Uri("api/resource/HD Settings/HD Settings", UriKind.Relative), body)).EnsureSuccessStatusCode();
    }

    public async Task<Guid> StartAsync(Guid profileId, IReadOnlyDictionary<string, TableBinding> bindings, RunOptions? options = null)
    {
        var result = await Runs.StartAsync("van.hanh", new StartRunRequest(SiteId, profileId, bindings, options ?? new RunOptions { Ceiling = 8 }), CancellationToken.None);
        return result.RunId ?? throw new InvalidOperationException(result.ErrorKey);
    }

    /// <summary>
    /// Until the wall clock has reached <paramref name="at"/>, as Hangfire's scheduler waits for a scheduled job: a
    /// timer alone can end a few milliseconds before the clock gets there (it runs on another clock).
    /// </summary>
    public static async Task UntilAsync(DateTimeOffset at, CancellationToken ct)
    {
        while (at - DateTimeOffset.UtcNow is { Ticks: > 0 } left)
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(5), ct);
        }
    }

    /// <summary>
    /// Runs the run's job with the site answering a little slowly, pauses the run once <paramref name="succeeded"/> of its
    /// records have succeeded (within <paramref name="working"/>), and waits for the job to stop (within
    /// <paramref name="stopping"/>); then the site answers at full speed again.
    /// </summary>
    public async Task PauseMidRunAsync(Guid runId, int succeeded, TimeSpan working, TimeSpan stopping, CancellationToken ct = default)
    {
        Simulator.Faults.Latency = new FrappeSimulator.Faults.LatencyProfile(3, 3);
        var job = ExecuteAsync(runId, ct);
        await WaitForSucceededAsync(runId, succeeded, working);
        Assert.True((await Runs.PauseAsync("van.hanh", runId, CancellationToken.None)).Succeeded, "pause should be accepted while the run works");
        await job.WaitAsync(stopping, ct);
        Simulator.Faults.Latency = FrappeSimulator.Faults.LatencyProfile.None;
    }

    /// <summary>Runs the run's job here, as a Hangfire worker would.</summary>
    public Task ExecuteAsync(Guid runId, CancellationToken ct = default) =>
        _portal.Get<RunImportJob>().ExecuteAsync(runId, ct);

    public Task RetryAsync(Guid runId, IReadOnlyList<long>? ids) =>
        _portal.Get<RetryRecordsJob>().ExecuteAsync(runId, ids, CancellationToken.None);

    public RunDownloads Downloads => _portal.Get<RunDownloads>();

    public Task<T> InDatabaseAsync<T>(Func<PortalDbContext, Task<T>> query) => _portal.InDatabaseAsync(query);

    public Task<RunState> StateAsync(Guid runId) => InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).Select(r => r.State).FirstAsync());

    public Task<List<ImportRecord>> RecordsAsync(Guid runId) => InDatabaseAsync(db => db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId).ToListAsync());

    /// <summary>Waits until at least <paramref name="count"/> of the run's records have succeeded (the job runs elsewhere).</summary>
    public async Task WaitForSucceededAsync(Guid runId, int count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await InDatabaseAsync(db => db.ImportRecords.CountAsync(r => r.RunId == runId && r.State == RecordState.Succeeded)) < count)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"fewer than {count} records of run {runId} succeeded within {timeout}: {await StateAsync(runId)}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Writing requests to documents the site has received so far (POST and PUT on /api/resource and /api/method),
    /// leaving out the run's own silencing and restoring of the site (<see cref="QuietRequests"/>).
    /// </summary>
    public long Writes() =>
        Simulator.Store.Requests.Snapshot()
            .Where(r => (r.Key.StartsWith("POST ", StringComparison.Ordinal) || r.Key.StartsWith("PUT ", StringComparison.Ordinal)) && !QuietRoutes.Contains(r.Key))
            .Sum(r => r.Value);

    /// <summary>The routes a run uses to silence its site and put it back.</summary>
    public static IReadOnlySet<string> QuietRoutes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "PUT /api/resource/HD Settings",
        "PUT /api/resource/Assignment Rule",
        "POST /api/method/frappe.email.doctype.email_queue.email_queue.toggle_sending",
        "DELETE /api/resource/Email Queue",
    };

    /// <summary>Requests the site has received on <see cref="QuietRoutes"/>.</summary>
    public long QuietRequests() => Simulator.Store.Requests.Snapshot().Where(r => QuietRoutes.Contains(r.Key)).Sum(r => r.Value);

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
