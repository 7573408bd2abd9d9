using Hangfire;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Sources;
using ImportPortal.Frappe;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Jobs;

/// <summary>
/// Works a run to its end: plans it if it is not planned, then runs the import loop until nothing is left to send
/// or the operator pauses or cancels. Everything it needs is in the database, so after a crash the next start of
/// this job carries on (records left InFlight are verified as Unknown). One job per run at a time, by lease.
/// Hangfire's own retry is off: the loop does its own retrying.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class RunImportJob(
    IDbContextFactory<PortalDbContext> databases,
    RunPlanner planner,
    SiteCatalog sites,
    FrappeSiteClientFactory clients,
    SitePacing pacing,
    SiteQuiet quiet,
    ProgressFeed<RunProgress> feed,
    IBackgroundJobClient jobs,
    IHttpClientFactory httpClients,
    IOptions<RunsOptions> options,
    TimeProvider time,
    ILogger<RunImportJob> logger)
{
    public async Task ExecuteAsync(Guid runId, CancellationToken ct)
    {
        var owner = Guid.NewGuid();
        var lease = new RunLease(databases, runId, owner, options.Value.LeaseDuration, time);
        switch (await lease.TryTakeAsync(ct))
        {
            case LeaseResult.Finished:
                return;
            case LeaseResult.HeldUntil held:
                // Another job holds it (or held it when its process died): look again when that lease lapses.
                jobs.Schedule<RunImportJob>(job => job.ExecuteAsync(runId, CancellationToken.None), held.Until - time.GetUtcNow() + TimeSpan.FromSeconds(1));
                return;
        }

        try
        {
            await WorkAsync(runId, lease, ct);
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }

    private async Task WorkAsync(Guid runId, RunLease lease, CancellationToken ct)
    {
        var run = await LoadAsync(runId, ct);
        if (run.State is RunState.Cancelling)
        {
            await EndAsync(runId, RunState.Cancelled, ct);
            return;
        }

        var runOptions = StoredJson.Read<RunOptions>(run.OptionsJson) ?? new RunOptions();
        try
        {
            await ReviveInFlightAsync(runId, ct);
            var connection = await sites.ConnectAsync(run.SiteId, ct) ?? throw new PortalTextException(new PortalText(RecordTexts.SiteGone));
            var pace = pacing.For(connection.BaseUrl);
            pace.Ceiling = Math.Clamp(runOptions.Ceiling, 1, RunOptions.MaxCeiling);
            if (run.PlannedAt is null)
            {
                await PlanAsync(run, ct);
            }

            if (await WaitsAsync(run, runOptions, ct))
            {
                return;
            }

            var site = clients.Create(connection);
            if (runOptions.SilencesSite)
            {
                await quiet.SilenceAsync(runId, site, runOptions.ResumeSending, ct);
            }

            await SetStateAsync(runId, RunState.Running, ct);
            var profile = MappingProfileJson.Deserialize(run.ProfileJson);
            var outcome = await LoopAsync(run, runOptions, profile, site, pace, lease, ct);
            await EndAsync(runId, outcome, ct);
        }
        catch (Exception ex) when (ex is FrappeException or InvalidOperationException or SourceFormatException or IOException or System.Text.Json.JsonException)
        {
            logger.LogWarning(ex, "Run {RunId} stopped: {Reason}", runId, ex.Message);
            // A stopped run must not leave a live helpdesk silent while the cause is found: the site is put back now
            // (or the refusal shown with the manual restore), and resuming the run silences it again from a new snapshot.
            await quiet.RestoreAsync(runId, "system", ct);
            var (why, text) = PortalFailure.WhyStopped(ex);
            await FinishAsync(runId, RunState.Failed, why, text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Anything else (the portal's own database refusing a write, a defect): the run must not stay "Running" with
            // no job working on it and its site kept quiet until the next restart. Records the loop had claimed stay in
            // flight and are looked up on the site before anything is sent again, when the operator resumes.
            // A stop of the portal itself (ct) is not a failure: the run is resumed at the next start.
            logger.LogError(ex, "Run {RunId} stopped on an unexpected error", runId);
            try
            {
                await quiet.RestoreAsync(runId, "system", CancellationToken.None);
            }
            catch (Exception restore) when (restore is not OperationCanceledException)
            {
                // The run is still marked failed below; its dashboard then offers Admins the restore.
                logger.LogError(restore, "Run {RunId}: its site could not be put back after the error", runId);
            }

            var sentence = PortalFailure.Sentence(ex);
            await FinishAsync(runId, RunState.Failed, sentence.English, sentence, inPortal: true);
        }
    }

    private async Task<RunState> LoopAsync(ImportRun run, RunOptions runOptions, MappingProfile profile, IFrappeSite site, AdaptiveConcurrencyLimit pace, RunLease lease, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var observer = new RunObserver(run.Id, await RunCounter.CountAsync(db, run.Id, ct), pace, feed, time);
        observer.Restore(StoredJson.Read<List<ThroughputSample>>(run.ThroughputJson) ?? []);
        using var store = new EfRecordStore(databases, run.Id, run.SiteId, time);
        var ledger = new EfIdLedger(databases, run.SiteId, run.Id);
        var loopOptions = new LoopOptions
        {
            Stages = runOptions.Stages.ToHashSet(),
            DryRun = runOptions.DryRun,
            Existing = runOptions.Existing,
            Workers = Math.Clamp(runOptions.Ceiling, 1, RunOptions.MaxCeiling),
            OutagePatience = options.Value.OutagePatience,
            BatchDoctypes = runOptions.Batches ? options.Value.InsertManyDoctypeSet : new HashSet<string>(StringComparer.Ordinal),
            BatchSize = Math.Clamp(options.Value.InsertManySize, 1, 200),
            UserCreationsPerMinute = Math.Max(0, options.Value.UserCreationsPerMinute),
            Attachments = HttpAttachmentSource.From(httpClients, options.Value),

            // A team made by the run comes with its round-robin rule, enabled: before tickets are written or finalised
            // with their team, a quiet run disables it too (and gives it back with the others).
            BeforeStageAsync = runOptions.SilencesSite && !runOptions.DryRun
                ? (stage, c) => stage is RunStage.Tickets or RunStage.Finalise ? quiet.SilenceNewRulesAsync(run.Id, site, c) : Task.CompletedTask
                : null,
        };
        Func<EntityKind, string> doctypeOf = entity => profile.Entities.FirstOrDefault(e => e.Entity == entity) is { } mapping ? profile.DoctypeOf(mapping) : profile.DefaultDoctype(entity);
        var loop = new ImportLoop(site, store, ledger, doctypeOf, observer, loopOptions, time);

        using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = HeartbeatAsync(run.Id, observer, lease, beat.Token);
        try
        {
            while (true)
            {
                if (await loop.RunAsync(ct))
                {
                    // Records handed back by a retry while the loop ran are picked up by another pass.
                    if (!await HasOpenRecordsAsync(run.Id, loopOptions.Stages, ct))
                    {
                        var failed = await db.ImportRecords.AnyAsync(r => r.RunId == run.Id && r.State == RecordState.Failed, ct);
                        return failed ? RunState.CompletedWithErrors : RunState.Completed;
                    }

                    continue;
                }

                // Stopped as asked; the operator may have resumed or cancelled since the heartbeat last looked.
                switch (await lease.RenewAsync(ct))
                {
                    case RunState.Running or RunState.Queued:
                        observer.Resume();
                        continue;
                    case RunState.Pausing:
                        return RunState.Paused;
                    default:
                        return RunState.Cancelled;
                }
            }
        }
        finally
        {
            await beat.CancelAsync();
            await heartbeat;
            await SaveThroughputAsync(run.Id, observer.Sample());
            observer.Publish();
        }
    }

    /// <summary>Once a second: renew the lease, read the operator's pause or cancel, sample throughput, push progress.</summary>
    private async Task HeartbeatAsync(Guid runId, RunObserver observer, RunLease lease, CancellationToken ct)
    {
        var saves = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(options.Value.HeartbeatInterval, time, ct);
                var state = await lease.RenewAsync(ct);
                if (state is RunState.Pausing or RunState.Cancelling || state is null)
                {
                    observer.State = state ?? RunState.Cancelling;
                    observer.RequestStop();
                }

                var samples = observer.Sample();
                if (++saves % 10 == 0)
                {
                    await SaveThroughputAsync(runId, samples);
                }

                observer.Publish();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The loop has ended.
        }
    }

    private async Task PlanAsync(ImportRun run, CancellationToken ct)
    {
        await SetStateAsync(run.Id, RunState.Planning, ct);
        var lastPublish = time.GetTimestamp();
        await planner.PlanAsync(run, fraction =>
        {
            if (time.GetElapsedTime(lastPublish) > TimeSpan.FromMilliseconds(300))
            {
                lastPublish = time.GetTimestamp();
                feed.Publish(new RunProgress(run.Id, RunState.Planning, null, Math.Min(0.99, fraction), [], 0, 0, [], time.GetUtcNow()));
            }
        }, ct);
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.PlannedAt, time.GetUtcNow())
            .SetProperty(r => r.PlanProgress, 1)
            .SetProperty(r => r.RecordCount, run.RecordCount)
            .SetProperty(r => r.LeftOutJson, run.LeftOutJson), ct);
        run.PlannedAt = time.GetUtcNow();
    }

    /// <summary>
    /// A run set to send from a later moment, or outside its window, stops here once planned: paused, its site left
    /// as it is (not silenced yet), with a job scheduled for that moment. One whose moment has come, or that the
    /// operator resumed by hand, goes on; with a window, the window's close is scheduled to pause it again.
    /// </summary>
    private async Task<bool> WaitsAsync(ImportRun run, RunOptions runOptions, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var zone = TeamClock.Zone;
        var stored = await db.ImportRuns.Where(r => r.Id == run.Id).Select(r => new { r.WaitsUntil, r.SendsNow, r.SendsUntil }).FirstAsync(ct);
        var until = stored.WaitsUntil > now ? stored.WaitsUntil : null;
        // Resumed by hand to send until a moment that has passed (the portal was down then): the window decides again.
        var sendsNow = stored.SendsNow && !(stored.SendsUntil <= now);
        if (until is null && runOptions.Window is { IsEmpty: false } closed && !sendsNow && !closed.Contains(now, zone))
        {
            // In UTC, as every moment a run waits for is kept: its start finds it by that moment.
            until = closed.NextOpen(now, zone).ToUniversalTime();
        }

        if (until is not { } waitUntil)
        {
            if (stored.WaitsUntil is not null)
            {
                await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.WaitsUntil, (DateTimeOffset?)null), ct);
            }

            if (runOptions.Window is { IsEmpty: false } window)
            {
                if (stored.SendsUntil is { } sendsUntil && sendsUntil > now)
                {
                    // Again here: the job store may have been lost since the operator chose it.
                    jobs.Schedule<SendWindowJob>(job => job.SendUntilAsync(run.Id, sendsUntil, CancellationToken.None), sendsUntil - now);
                }
                else
                {
                    var close = window.NextClose(now, zone);
                    jobs.Schedule<SendWindowJob>(job => job.CloseAsync(run.Id, close, CancellationToken.None), close - now);
                }
            }

            return false;
        }

        // A pause or cancel pressed while it planned wins: the loop below ends the run as asked.
        var waiting = await db.ImportRuns.Where(r => r.Id == run.Id && (r.State == RunState.Queued || r.State == RunState.Planning))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Paused).SetProperty(r => r.PausedAt, now).SetProperty(r => r.WaitsUntil, waitUntil), ct);
        if (waiting == 0)
        {
            return false;
        }

        new AuditLog(db, time).Record("system", "run.waiting", AuditTrail.RunSubject(run.Number), new PortalText(AuditTexts.Waiting, TeamClock.Stamp(waitUntil)));
        await db.SaveChangesAsync(ct);
        SendWindowJob.ScheduleOpen(jobs, run.Id, waitUntil, now);
        var counts = await RunCounter.CountAsync(db, run.Id, ct);
        feed.Publish(new RunProgress(run.Id, RunState.Paused, null, 1, counts, 0, 0, [], now));
        logger.LogInformation("Run {RunId} is planned and waits to send from {Until}", run.Id, waitUntil);
        return true;
    }

    /// <summary>Records a dead process left InFlight may have been sent: they are looked up before anything is sent again.</summary>
    private async Task ReviveInFlightAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.ImportRecords.Where(r => r.RunId == runId && r.State == RecordState.InFlight)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecordState.Unknown), ct);
    }

    private async Task<bool> HasOpenRecordsAsync(Guid runId, IReadOnlySet<RunStage> stages, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var stageList = stages.ToList();
        return await db.ImportRecords.AnyAsync(r => r.RunId == runId && stageList.Contains(r.Stage) && (r.State == RecordState.Pending || r.State == RecordState.Unknown), ct);
    }

    private async Task<ImportRun> LoadAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId, ct);
    }

    private async Task SetStateAsync(Guid runId, RunState state, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        // Pause or cancel asked while the job was starting wins over Running.
        await db.ImportRuns.Where(r => r.Id == runId && r.State != RunState.Pausing && r.State != RunState.Cancelling)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state).SetProperty(r => r.StartedAt, r => r.StartedAt ?? now).SetProperty(r => r.Error, (string?)null).SetProperty(r => r.ErrorText, (string?)null), ct);
        feed.Publish(new RunProgress(runId, state, null, state == RunState.Planning ? 0 : 1, [], 0, 0, [], now));
    }

    /// <summary>
    /// A run that ends (not one that pauses: it stays quiet until resumed, cancelled or paused for longer than
    /// <see cref="RunsOptions.QuietPauseLimit"/>) puts its site back first, so a
    /// crash during the restore leaves the run active and the next job start finishes it. A failed restore is kept on
    /// the run and does not stop it from ending. A run that fails puts its site back as well (see <see cref="WorkAsync"/>).
    /// </summary>
    private async Task EndAsync(Guid runId, RunState state, CancellationToken ct)
    {
        if (state is RunState.Completed or RunState.CompletedWithErrors or RunState.Cancelled)
        {
            await quiet.RestoreAsync(runId, "system", ct);
        }

        await FinishAsync(runId, state, null);
        if (state == RunState.Paused && await WaitsUntilAsync(runId, ct) is { } opens)
        {
            // Paused by its window's close: the helpdesk is the team's again until the window opens, and the opening is
            // scheduled here too (a second one finds nothing to do): the close's own may be lost with a crash mid-pause.
            if (await quiet.ReadAsync(runId, ct) is { Pending: true })
            {
                jobs.Enqueue<RestoreSiteJob>(job => job.AfterWindowAsync(runId, CancellationToken.None));
            }

            SendWindowJob.ScheduleOpen(jobs, runId, opens, time.GetUtcNow());
        }
        else if (state == RunState.Paused && options.Value.QuietPauseLimit > TimeSpan.Zero && await quiet.ReadAsync(runId, ct) is { Pending: true })
        {
            // A forgotten pause must not keep a live helpdesk silent for days.
            jobs.Schedule<RestoreSiteJob>(job => job.AfterPauseAsync(runId, CancellationToken.None), options.Value.QuietPauseLimit);
        }
    }

    private async Task<DateTimeOffset?> WaitsUntilAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.ImportRuns.Where(r => r.Id == runId).Select(r => r.WaitsUntil).FirstOrDefaultAsync(ct);
    }

    private async Task FinishAsync(Guid runId, RunState state, string? error, PortalText? errorText = null, bool inPortal = false)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var now = time.GetUtcNow();
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, state)
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.ErrorText, PortalTextJson.WriteOne(errorText))
            .SetProperty(r => r.ErrorInPortal, inPortal)
            .SetProperty(r => r.FinishedAt, state.IsFinished() ? now : null)
            .SetProperty(r => r.PausedAt, state == RunState.Paused ? now : null));
        var counts = await RunCounter.CountAsync(db, runId, CancellationToken.None);
        feed.Publish(new RunProgress(runId, state, null, 1, counts, 0, 0, [], now));
    }

    private async Task SaveThroughputAsync(Guid runId, IReadOnlyList<ThroughputSample> samples)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var json = StoredJson.Write(samples);
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ThroughputJson, json));
    }
}
