using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Quiet;
using ImportPortal.Frappe;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using ImportPortal.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Runs;

/// <summary>
/// Keeps a run's site quiet and puts it back (frappe-api.md §13 steps 1 and 8). The snapshot of the originals is
/// stored on the run before anything changes and every step is recorded after it is made, so a crash at any point
/// is recovered: silencing a run that is already quiet reuses its snapshot, and restoring writes the snapshot's
/// values again, which is harmless when they are back already.
/// </summary>
public sealed partial class SiteQuiet(
    IDbContextFactory<PortalDbContext> databases,
    SiteCatalog sites,
    FrappeSiteClientFactory clients,
    ProgressFeed<RunQuietChange> feed,
    IOptions<RunsOptions> options,
    TimeProvider time,
    ILogger<SiteQuiet> logger)
{
    private const string Settings = QuietPlan.Settings;

    public async Task<SiteQuietState?> ReadAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var json = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.QuietJson).FirstOrDefaultAsync(ct);
        return StoredJson.Read<SiteQuietState>(json);
    }

    /// <summary>
    /// Before the run's first write: keeps the snapshot (only when the run is not quiet already), then turns the
    /// flags off, disables the rules and suspends sending. A refusal of the site is recorded and thrown: the run
    /// stops, and the site stays as far silenced as it got (the dashboard says so and offers the restore).
    /// </summary>
    public async Task SilenceAsync(Guid runId, IFrappeSite site, bool resumeSending, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        var state = await ReadAsync(runId, ct);
        var fresh = state is not { Pending: true };
        state = fresh
            ? QuietPlan.Snapshot(
                await PatientlyAsync(() => site.GetAsync(Settings, Settings, ct), Patience, ct) ?? [],
                await PatientlyAsync(() => site.ListAsync(QuietPlan.AssignmentRule, new(["name"], QuietPlan.EnabledTicketRules(), "name asc", 0, 0), ct), Patience, ct),
                await PatientlyAsync(() => site.ListAsync(QuietPlan.Notification, new(["name"], QuietPlan.EnabledNotifications(), "name asc", 0, 0), ct), Patience, ct),
                resumeSending,
                time.GetUtcNow())
            : state! with { Phase = QuietPhase.Silencing, FlagsBack = false, RulesBack = false, NotificationsBack = false, MailsCleared = false, SendingBack = false, RestoredAt = null, Error = null, ErrorAt = null };
        state = await SaveAsync(runId, state, ct);
        if (fresh)
        {
            await AuditAsync(runId, "run.site-silenced", "system", [Describe(state)], ct);
        }

        try
        {
            if (QuietPlan.SilenceFlags(state) is { } flags)
            {
                await PatientlyAsync(() => site.UpdateAsync(Settings, Settings, flags, ct), Patience, ct);
            }

            state = await SaveAsync(runId, state with { FlagsOff = true }, ct);
            foreach (var rule in state.Rules)
            {
                await UpdateAsync(site, QuietPlan.AssignmentRule, rule, QuietPlan.DisableRule(), Patience, ct);
            }

            state = await SaveAsync(runId, state with { RulesOff = true }, ct);
            foreach (var notification in state.Notifications)
            {
                await UpdateAsync(site, QuietPlan.Notification, notification, QuietPlan.DisableNotification(), Patience, ct);
            }

            state = await SaveAsync(runId, state with { NotificationsOff = true }, ct);
            await PatientlyAsync(() => site.SetEmailSendingAsync(false, ct), Patience, ct);
            await SaveAsync(runId, state with { SendingOff = true, Phase = QuietPhase.Silenced, SilencedAt = time.GetUtcNow() }, ct);
        }
        catch (FrappeException ex)
        {
            LogSilenceFailed(logger, runId, ex.Error.Summary);
            await SaveAsync(runId, state with { Error = ex.Error.Summary, ErrorAt = time.GetUtcNow() }, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Rules enabled on the site since the snapshot, such as the round-robin rule Helpdesk gives each team the run makes:
    /// kept with the snapshot's first, then disabled, so they assign none of the run's tickets and the restore enables
    /// them again. Nothing when the run keeps no site quiet.
    /// </summary>
    public async Task SilenceNewRulesAsync(Guid runId, IFrappeSite site, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        var state = await ReadAsync(runId, ct);
        if (state is not { Phase: QuietPhase.Silenced })
        {
            return;
        }

        var enabled = await PatientlyAsync(() => site.ListAsync(QuietPlan.AssignmentRule, new(["name"], QuietPlan.EnabledTicketRules(), "name asc", 0, 0), ct), Patience, ct);
        var added = QuietPlan.Added(state, enabled);
        if (added.Count == 0)
        {
            return;
        }

        state = await SaveAsync(runId, state with { Rules = [.. state.Rules, .. added] }, ct);
        await AuditAsync(runId, "run.site-rules-silenced", string.Join(", ", added), ct);
        foreach (var rule in added)
        {
            await UpdateAsync(site, QuietPlan.AssignmentRule, rule, QuietPlan.DisableRule(), Patience, ct);
        }
    }

    /// <summary>
    /// Puts back what the run changed: the flags' snapshot values, the rules it disabled, deletes the unsent mail
    /// about documents it created, then (if chosen) resumes sending. Never throws for the site's sake: a failure is
    /// recorded on the run with its reason, and running this again finishes the job. Null when nothing was silenced.
    /// </summary>
    public async Task<SiteQuietState?> RestoreAsync(Guid runId, string actor, CancellationToken ct, bool patient = true)
    {
        var patience = patient ? Patience : TimeSpan.Zero;
        var state = await ReadAsync(runId, ct);
        if (state is not { Pending: true })
        {
            return state;
        }

        state = await SaveAsync(runId, state with { Phase = QuietPhase.Restoring }, ct);
        try
        {
            var site = await ConnectAsync(runId, ct);
            if (QuietPlan.RestoreFlags(state) is { } flags)
            {
                await PatientlyAsync(() => site.UpdateAsync(Settings, Settings, flags, ct), patience, ct);
            }

            state = await SaveAsync(runId, state with { FlagsBack = true }, ct);
            foreach (var rule in state.Rules)
            {
                await UpdateAsync(site, QuietPlan.AssignmentRule, rule, QuietPlan.EnableRule(), patience, ct);
            }

            state = await SaveAsync(runId, state with { RulesBack = true }, ct);
            foreach (var notification in state.Notifications)
            {
                await UpdateAsync(site, QuietPlan.Notification, notification, QuietPlan.EnableNotification(), patience, ct);
            }

            state = await SaveAsync(runId, state with { NotificationsBack = true }, ct);
            var deleted = await DeleteUnsentMailAsync(runId, site, patience, ct);
            state = await SaveAsync(runId, state with { MailsCleared = true, MailsDeleted = state.MailsDeleted + deleted }, ct);
            if (state.ResumeSending)
            {
                await PatientlyAsync(() => site.SetEmailSendingAsync(true, ct), patience, ct);
            }

            state = await SaveAsync(runId, state with { SendingBack = state.ResumeSending, Phase = QuietPhase.Restored, RestoredAt = time.GetUtcNow(), Error = null, ErrorAt = null }, ct);
            await AuditAsync(runId, "run.site-restored", actor, [Describe(state), new PortalText(AuditTexts.MailsDeleted, state.MailsDeleted.ToString(System.Globalization.CultureInfo.InvariantCulture))], ct);
        }
        catch (Exception ex) when (ex is FrappeException or InvalidOperationException)
        {
            var reason = ex is FrappeException f ? f.Error.Summary : ex.Message;
            LogRestoreFailed(logger, runId, reason);
            state = await SaveAsync(runId, state with { Error = reason, ErrorAt = time.GetUtcNow() }, CancellationToken.None);
            await AuditAsync(runId, "run.site-restore-failed", reason, CancellationToken.None, actor);
        }

        return state;
    }

    /// <summary>
    /// <see cref="RestoreAsync"/> for a run no job works on (paused, failed, cancelled or ended), holding the run's
    /// lease meanwhile, renewed like a run job's: a resume or retry that comes in the middle waits for it instead of
    /// silencing the site while it is being put back. <paramref name="due"/>, read under the lease, may still decline;
    /// <paramref name="because"/> goes to the audit log before the restore. Null, with nothing done, when a job holds
    /// the run, it is active, it is no longer due, or it never silenced its site; the state as it is when the site is
    /// back already.
    /// </summary>
    public async Task<SiteQuietState?> RestoreStoppedAsync(Guid runId, string actor, Func<ImportRun, bool>? due, PortalText? because, CancellationToken ct, bool patient = true)
    {
        var lease = new RunLease(databases, runId, Guid.NewGuid(), options.Value.LeaseDuration, time);
        if (!await lease.TryTakeStoppedAsync(ct))
        {
            return null;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = RenewAsync(lease, stop.Token);
        try
        {
            ImportRun run;
            await using (var db = await databases.CreateDbContextAsync(ct))
            {
                run = await db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId, ct);
            }

            if (due is not null && !due(run))
            {
                return null;
            }

            // Put back already (by hand, or by another job for the same pause): nothing to do, nothing to audit.
            var current = StoredJson.Read<SiteQuietState>(run.QuietJson);
            if (current is not { Pending: true })
            {
                return current;
            }

            if (because is not null)
            {
                await AuditAsync(runId, "run.site-restore-due", actor, [because], ct);
            }

            return await RestoreAsync(runId, actor, ct, patient);
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat;
            await lease.ReleaseAsync();
        }
    }

    private async Task RenewAsync(RunLease lease, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.HeartbeatInterval, time, ct);
                await lease.RenewAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The restore has ended.
        }
    }

    /// <summary>Finished runs whose restore a crash interrupted (a failed restore waits for the operator instead).</summary>
    public async Task<IReadOnlyList<Guid>> InterruptedRestoresAsync(CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var finished = new[] { RunState.Completed, RunState.CompletedWithErrors, RunState.Cancelled };
        var runs = await db.ImportRuns.AsNoTracking().Where(r => r.QuietJson != null && finished.Contains(r.State)).Select(r => new { r.Id, r.QuietJson }).ToListAsync(ct);
        return runs.Where(r => StoredJson.Read<SiteQuietState>(r.QuietJson) is { Phase: QuietPhase.Restoring, Error: null }).Select(r => r.Id).ToList();
    }

    private async Task<IFrappeSite> ConnectAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var siteId = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.SiteId).FirstAsync(ct);
        var connection = await sites.ConnectAsync(siteId, ct) ?? throw new PortalTextException(new PortalText(RecordTexts.SiteGone));
        return clients.Create(connection);
    }

    /// <summary>Disables or re-enables one rule or notification; one deleted meanwhile has nothing to put back.</summary>
    private async Task UpdateAsync(IFrappeSite site, string doctype, string name, System.Text.Json.Nodes.JsonObject change, TimeSpan patience, CancellationToken ct)
    {
        try
        {
            await PatientlyAsync(() => site.UpdateAsync(doctype, name, change, ct), patience, ct);
        }
        catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.NotFound)
        {
            // Nothing to put back.
        }
    }

    /// <summary>Unsent mail about the tickets and messages this run created; other mail of the site stays.</summary>
    private async Task<int> DeleteUnsentMailAsync(Guid runId, IFrappeSite site, TimeSpan patience, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var doctype in QuietPlan.MailDoctypes)
        {
            await using var db = await databases.CreateDbContextAsync(ct);
            var created = (await db.IdMap.AsNoTracking().Where(e => e.FirstRunId == runId && e.Created && e.Doctype == doctype).Select(e => e.FrappeName).ToListAsync(ct))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (created.Count == 0)
            {
                continue;
            }

            // Read every page first: deleting while paging would move rows between pages.
            var ours = new List<string>();
            for (var start = 0; ; start += QuietPlan.MailPage)
            {
                var page = await PatientlyAsync(() => site.ListAsync(QuietPlan.EmailQueue, new FrappeListQuery(["name", "reference_name"], QuietPlan.UnsentMailAbout(doctype), "name asc", start, QuietPlan.MailPage), ct), patience, ct);
                ours.AddRange(QuietPlan.MailsAbout(page, created));
                if (page.Count < QuietPlan.MailPage)
                {
                    break;
                }
            }

            foreach (var mail in ours)
            {
                deleted += await PatientlyAsync(() => site.DeleteAsync(QuietPlan.EmailQueue, mail, ct), patience, ct) ? 1 : 0;
            }
        }

        return deleted;
    }

    /// <summary>
    /// Every call that keeps a site quiet or puts it back is safe to make twice (a value written, a rule enabled, sending
    /// switched, a mail deleted, which a second time finds gone), so one the site failed for a while — a deadlock, a 5xx
    /// or proxy page, a 429, a reset, an answer lost — is made again, with the run's backoff and the site's Retry-After,
    /// for up to <paramref name="patience"/> from its first failure (<see cref="RunsOptions.OutagePatience"/>; none for an
    /// Admin's restore, which says at once that the site did not answer, to be pressed again). A deadlock at a run's start used to
    /// fail the run, and one at its end left a live helpdesk without its mail until an Admin noticed. A refusal (key,
    /// permission, a missing document) is thrown at once, as before.
    /// </summary>
    private async Task<T> PatientlyAsync<T>(Func<Task<T>> call, TimeSpan patience, CancellationToken ct)
    {
        DateTimeOffset? givesUpAt = null;
        for (var retry = 1; ; retry++)
        {
            try
            {
                return await call();
            }
            catch (FrappeException ex) when (Passing(ex.Error))
            {
                givesUpAt ??= time.GetUtcNow() + patience;
                var wait = Backoff.RetryDelay(retry, ex.Error.RetryAfter);
                if (time.GetUtcNow() + wait > givesUpAt)
                {
                    throw;
                }

                LogQuietRetry(logger, ex.Error.Summary, wait.TotalSeconds);
                await Task.Delay(wait, time, ct);
            }
        }
    }

    private async Task PatientlyAsync(Func<Task> call, TimeSpan patience, CancellationToken ct) =>
        await PatientlyAsync(async () => { await call(); return true; }, patience, ct);

    /// <summary>How long a call of a run's own (silencing, a restore no operator waits for) waits out a passing failure.</summary>
    private TimeSpan Patience => options.Value.OutagePatience;

    private static bool Passing(FrappeError error) =>
        error.Kind is FrappeErrorKind.Transient or FrappeErrorKind.UnknownFate || error.HttpStatus is >= 500 || error.HttpStatus == 429;

    /// <summary>The run's backoff (doubling from a second, capped at a minute, jittered).</summary>
    private static readonly LoopOptions Backoff = new();

    private async Task<SiteQuietState> SaveAsync(Guid runId, SiteQuietState state, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var json = StoredJson.Write(state);
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.QuietJson, json), ct);
        feed.Publish(new RunQuietChange(runId, state));
        return state;
    }

    // Data (rule names, the site's words) as written; the portal's own sentences kept for the reader's language.
    private Task AuditAsync(Guid runId, string action, string detail, CancellationToken ct, string actor = "system") =>
        AuditAsync(runId, (log, subject) => log.Record(actor, action, subject, detail), ct);

    private Task AuditAsync(Guid runId, string action, string actor, PortalText[] detail, CancellationToken ct) =>
        AuditAsync(runId, (log, subject) => log.Record(actor, action, subject, detail), ct);

    private async Task AuditAsync(Guid runId, Action<AuditLog, string> record, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var number = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Number).FirstAsync(ct);
        record(new AuditLog(db, time), AuditTrail.RunSubject(number));
        await db.SaveChangesAsync(ct);
    }

    private static PortalText Describe(SiteQuietState state) =>
        new(AuditTexts.Quiet, [AuditTexts.List(state.ChangedFlags), AuditTexts.List(state.Rules), AuditTexts.List(state.Notifications),
            PortalArg.Of(new PortalText(state.ResumeSending ? AuditTexts.SendingResumedAtEnd : AuditTexts.SendingLeftSuspended))]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} could not silence its site: {Reason}")]
    private static partial void LogSilenceFailed(ILogger logger, Guid runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keeping the site quiet or putting it back: the site answered {Reason}; trying again in {Seconds:0.0} s")]
    private static partial void LogQuietRetry(ILogger logger, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} could not put its site back: {Reason}")]
    private static partial void LogRestoreFailed(ILogger logger, Guid runId, string reason);
}
