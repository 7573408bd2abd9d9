using FrappeSimulator.Hosting;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Frappe;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Sites;
using ImportPortal.Uploads;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportPortal.Bench;

/// <summary>
/// The portal's run machinery as the app composes it (SQLite data folder, Refit client with its resilience
/// pipeline and pacing, run job), connected to one simulator; the run job is executed here, not by Hangfire.
/// </summary>
internal sealed class PortalRig : IAsyncDisposable
{
    /// <summary>The tables of a Freshdesk account export, as its preset names them.</summary>
    private static readonly string[] ArchiveTables = ["companies", "users", "tickets"];

    private readonly string _dataDir;

    private PortalRig(string dataDir, ServiceProvider services, Uri siteUrl, Guid siteId)
    {
        _dataDir = dataDir;
        Services = services;
        SiteUrl = siteUrl;
        SiteId = siteId;
    }

    public ServiceProvider Services { get; }

    /// <summary>How each core of the machine spent the last import's sending (busy, idle, iowait, steal).</summary>
    public string Cores { get; private set; } = "";

    public Uri SiteUrl { get; }

    public Guid SiteId { get; }

    public static Task<PortalRig> StartAsync(SimulatorHandle simulator) => StartAsync(simulator.BaseUrl, simulator.ApiKey, simulator.ApiSecret);

    /// <param name="instant">When given, the import's ticket inserts and lookups are answered inside the portal (see <see cref="InstantInserts"/>).</param>
    public static async Task<PortalRig> StartAsync(Uri siteUrl, string apiKey, string apiSecret, InstantInserts? instant = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "importportal-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        // Attachments come from a file store on loopback (the files scenario).
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:Runs:AttachmentHosts"] = "127.0.0.1" }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.Configure<PortalOptions>(o => o.DataDir = dataDir);
        services.AddPersistence();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        services.AddLocalization();
        services.AddImportMachinery(settings);
        if (instant is not null)
        {
            services.AddSingleton<Microsoft.Extensions.Http.IHttpMessageHandlerBuilderFilter>(instant);
        }

        var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        var site = await provider.GetRequiredService<SiteCatalog>().AddAsync("bench", new SiteInput
        {
            Name = "bench",
            BaseUrl = siteUrl.ToString(),
            ApiKey = apiKey,
            ApiSecret = apiSecret,
        }, CancellationToken.None);
        await provider.GetRequiredService<SitePreflight>().CreateExternalIdFieldsAsync("bench", site.Id!.Value, CancellationToken.None);
        return new PortalRig(dataDir, provider, siteUrl, site.Id.Value);
    }

    /// <summary>Uploads the file, saves the profile and runs a whole import; returns the run id and the seconds spent sending (planning excluded).</summary>
    public async Task<(Guid RunId, TimeSpan Sending)> ImportAsync(
        byte[] file, string fileName, MappingProfile profile, string table, RunOptions options, CancellationToken ct)
    {
        var (runId, sending) = await ImportMeasuredAsync(file, fileName, profile, table, options, ct);
        return (runId, sending.Elapsed);
    }

    /// <summary>Like <see cref="ImportAsync"/>, also returning what the process spent from the first send to the end.</summary>
    public async Task<(Guid RunId, SendingCost Sending)> ImportMeasuredAsync(byte[] file, string fileName, MappingProfile profile, string table, RunOptions options, CancellationToken ct)
    {
        using var content = new MemoryStream(file);
        var upload = await Services.GetRequiredService<UploadStore>().SaveAsync(content, fileName, "bench", null, ct);
        var saved = await Services.GetRequiredService<MappingProfileStore>().ImportAsync("bench", MappingProfileJson.Serialize(profile), ct);
        var started = await Services.GetRequiredService<RunService>().StartAsync("bench",
            new StartRunRequest(SiteId, saved.Id!.Value, new Dictionary<string, TableBinding> { [table] = new(upload.UploadId!.Value, null) }, options), ct);
        var runId = started.RunId!.Value;

        long sendingFrom = 0;
        var cpuFrom = TimeSpan.Zero;
        long bytesFrom = 0;
        var gcFrom = (Paused: TimeSpan.Zero, Gen0: 0, Gen1: 0, Gen2: 0);
        var switchesFrom = (Voluntary: 0L, Involuntary: 0L);
        long[][] coresFrom = [];
        using var subscription = Services.GetRequiredService<ProgressFeed<RunProgress>>().Subscribe(p =>
        {
            if (p.RunId == runId && p.State == RunState.Running && Interlocked.CompareExchange(ref sendingFrom, System.Diagnostics.Stopwatch.GetTimestamp(), 0) == 0)
            {
                cpuFrom = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                switchesFrom = ContextSwitches.Read();
                coresFrom = CoreTimes.Read();
                bytesFrom = GC.GetTotalAllocatedBytes();
                gcFrom = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                AllocationSampler.Counting = true;
                if (!options.Batches)
                {
                    PerfControl.Enable();
                }
            }
        });
        await Services.GetRequiredService<RunImportJob>().ExecuteAsync(runId, ct);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref sendingFrom));
        AllocationSampler.Counting = false;
        PerfControl.Disable();
        var switches = ContextSwitches.Read();
        Cores = CoreTimes.Describe(coresFrom, CoreTimes.Read());
        return (runId, new SendingCost(switches.Voluntary - switchesFrom.Voluntary, switches.Involuntary - switchesFrom.Involuntary,
            elapsed, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuFrom, GC.GetTotalAllocatedBytes() - bytesFrom,
            GC.GetTotalPauseDuration() - gcFrom.Paused, GC.CollectionCount(0) - gcFrom.Gen0, GC.CollectionCount(1) - gcFrom.Gen1, GC.CollectionCount(2) - gcFrom.Gen2));
    }

    /// <summary>
    /// Uploads an account-export archive from a file (streamed), binds its tables as the account-export preset names
    /// them, saves the profile and runs the whole import, noting from the job's progress when planning ended and when
    /// each stage started.
    /// </summary>
    public async Task<(Guid RunId, RunTimeline Timeline)> ImportArchiveAsync(string path, MappingProfile profile, RunOptions options, CancellationToken ct)
    {
        Guid upload;
        await using (var content = File.OpenRead(path))
        {
            upload = (await Services.GetRequiredService<UploadStore>().SaveAsync(content, Path.GetFileName(path), "bench", null, ct)).UploadId!.Value;
        }

        var saved = await Services.GetRequiredService<MappingProfileStore>().ImportAsync("bench", MappingProfileJson.Serialize(profile), ct);
        var bindings = ArchiveTables.ToDictionary(t => t, t => new TableBinding(upload, t));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var started = await Services.GetRequiredService<RunService>().StartAsync("bench", new StartRunRequest(SiteId, saved.Id!.Value, bindings, options), ct);
        var runId = started.RunId ?? throw new InvalidOperationException($"{started.ErrorKey} {started.ErrorArg}");
        var gate = new object();
        TimeSpan? planned = null;
        var stageStarts = new List<(RunStage Stage, TimeSpan At)>();
        using var subscription = Services.GetRequiredService<ProgressFeed<RunProgress>>().Subscribe(p =>
        {
            if (p.RunId != runId || p.State != RunState.Running || p.Stage is not { } stage)
            {
                return;
            }

            lock (gate)
            {
                planned ??= clock.Elapsed;
                if (stageStarts.Count == 0 || stageStarts[^1].Stage != stage)
                {
                    stageStarts.Add((stage, clock.Elapsed));
                }
            }
        });
        // The managed heap and the working set at their highest, while planning and while sending, sampled every 100 ms.
        var peaks = new long[4];
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                bool sending;
                lock (gate)
                {
                    sending = planned is not null;
                }

                var at = sending ? 2 : 0;
                peaks[at] = Math.Max(peaks[at], GC.GetTotalMemory(false));
                peaks[at + 1] = Math.Max(peaks[at + 1], Environment.WorkingSet);
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);
        await Services.GetRequiredService<RunImportJob>().ExecuteAsync(runId, ct);
        var whole = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        lock (gate)
        {
            var stages = stageStarts.Select((s, i) => (s.Stage, (i + 1 < stageStarts.Count ? stageStarts[i + 1].At : whole) - s.At)).ToList();
            return (runId, new RunTimeline(planned ?? whole, whole - (planned ?? whole), whole, stages, (peaks[0], peaks[1]), (peaks[2], peaks[3])));
        }
    }

    public async Task<IReadOnlyList<StageCounts>> CountsAsync(Guid runId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await RunCounter.CountAsync(db, runId, CancellationToken.None);
    }

    /// <summary>The portal's database on disk, with its write-ahead log.</summary>
    public long DatabaseBytes() =>
        Directory.EnumerateFiles(_dataDir, "portal.db*").Sum(f => new FileInfo(f).Length);

    public async Task<List<ImportRecord>> RecordsAsync(Guid runId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId).OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>
    /// From the start of the run's first record request to the end of its last: the records' own sending, without
    /// the run's fixed costs around it (planning, keeping the site quiet and putting it back).
    /// </summary>
    public async Task<TimeSpan> RecordWindowAsync(Guid runId)
    {
        var (from, to) = await RecordWindowBoundsAsync(runId);
        return to - from;
    }

    /// <summary>When the run's first record request started and its last one ended.</summary>
    public async Task<(DateTimeOffset From, DateTimeOffset To)> RecordWindowBoundsAsync(Guid runId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var attempts = await db.RecordAttempts.AsNoTracking()
            .Where(a => db.ImportRecords.Any(r => r.Id == a.RecordId && r.RunId == runId))
            .Select(a => new { a.At, a.DurationMs })
            .ToListAsync();
        return (attempts.Min(a => a.At.AddMilliseconds(-a.DurationMs)), attempts.Max(a => a.At));
    }

    public AdaptiveLimitView Pace => new(Services.GetRequiredService<SitePacing>().For(SiteUrl));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }
}

/// <summary>The site's limiter as the benchmark samples it.</summary>
internal sealed record AdaptiveLimitView(ImportPortal.Domain.Migration.AdaptiveConcurrencyLimit Limit);

/// <summary>What an import cost its process from its first send to its end: time, CPU, allocations and collections.</summary>
internal sealed record SendingCost(long VoluntarySwitches, long InvoluntarySwitches, TimeSpan Elapsed, TimeSpan Cpu, long Bytes, TimeSpan GcPaused, int Gen0, int Gen1, int Gen2)
{
    public string Collections => $"{Gen0}/{Gen1}/{Gen2} collections (gen 0/1/2) pausing it {GcPaused.TotalMilliseconds:F0} ms";
}
