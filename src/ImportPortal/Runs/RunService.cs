using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Preflight;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Sites;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>
/// What an operator does to runs: start one, pause, resume, cancel, retry records (one, a selection, all failed),
/// edit a record's payload and retry it, skip records, put the site back after a run silenced it, delete a run. Work happens in
/// Hangfire jobs; every command is audited.
/// </summary>
public sealed class RunService(
    IDbContextFactory<PortalDbContext> databases,
    MappingProfileStore profiles,
    SiteCatalog sites,
    SiteQuiet quiet,
    IBackgroundJobClient jobs,
    TimeProvider time)
{
    public async Task<RunCommandResult> StartAsync(string actor, StartRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await sites.FindAsync(request.SiteId, ct) is not { } site)
        {
            return RunCommandResult.Fail("Runs.SiteMissing");
        }

        if (await profiles.LoadAsync(request.ProfileId, ct) is not { } profile)
        {
            return RunCommandResult.Fail("Runs.ProfileMissing");
        }

        if (request.Bindings.Count == 0)
        {
            return RunCommandResult.Fail("Runs.NoUploads");
        }

        if (request.Options.Ceiling is < 1 or > RunOptions.MaxCeiling)
        {
            return RunCommandResult.Fail("Runs.BadCeiling", RunOptions.MaxCeiling.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (request.Options.Stages.Count == 0)
        {
            return RunCommandResult.Fail("Runs.NoStages");
        }

        // The page says the same before the button can be pressed; this holds for a request that did not come from it.
        var sent = RunStages.Of(profile).Where(request.Options.Stages.Contains).ToList();
        if (RunReadiness.Of(PreflightJsonReader.Read(await sites.ReadPreflightJsonAsync(site.Id, ct)), request.Options.DryRun, request.Options.KeepQuiet, sent).Blocks)
        {
            return RunCommandResult.Fail("Runs.SiteBlocked");
        }

        if (request.Options.SendFrom is { } sendFrom)
        {
            if (request.Options.DryRun)
            {
                return RunCommandResult.Fail("Runs.SendFromDryRun");
            }

            if (sendFrom <= time.GetUtcNow())
            {
                return RunCommandResult.Fail("Runs.SendFromPast");
            }

            if (sendFrom > time.GetUtcNow() + RunOptions.SendFromLimit)
            {
                return RunCommandResult.Fail("Runs.SendFromFar", RunOptions.SendFromLimit.Days.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // Kept in UTC: the moment is compared as stored.
            request = request with { Options = request.Options with { SendFrom = sendFrom.ToUniversalTime() } };
        }

        if (request.Options.Window is { } window)
        {
            if (window.IsEmpty)
            {
                return RunCommandResult.Fail("Runs.WindowEmpty");
            }

            if (request.Options.DryRun)
            {
                return RunCommandResult.Fail("Runs.WindowDryRun");
            }
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        var run = new ImportRun
        {
            Id = Guid.NewGuid(),
            Number = (await db.ImportRuns.MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1,
            SiteId = site.Id,
            SiteName = site.Name,
            ProfileId = request.ProfileId,
            ProfileName = profile.Name,
            ProfileJson = MappingProfileJson.Serialize(profile),
            BindingsJson = StoredJson.Write(request.Bindings),
            OptionsJson = StoredJson.Write(request.Options),
            State = RunState.Queued,
            CreatedBy = actor,
            CreatedAt = time.GetUtcNow(),
            WaitsUntil = request.Options.SendFrom,
        };
        db.ImportRuns.Add(run);
        new AuditLog(db, time).Record(actor, "run.started", AuditTrail.RunSubject(run.Number), StartedDetail(site.Name, profile.Name, request.Options));
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<RunImportJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None));
        return RunCommandResult.Ok(run.Id);
    }

    /// <summary>Stops starting records; in-flight ones finish and are recorded, then the run is Paused.</summary>
    public Task<RunCommandResult> PauseAsync(string actor, Guid runId, CancellationToken ct) =>
        TransitionAsync(actor, runId, "run.paused", run => run.State switch
        {
            RunState.Queued or RunState.Planning or RunState.Running => RunState.Pausing,
            _ => null,
        }, ct);

    public Task<RunCommandResult> ResumeAsync(string actor, Guid runId, CancellationToken ct) => ResumeAsync(actor, runId, null, ct);

    private async Task<RunCommandResult> ResumeAsync(string actor, Guid runId, DateTimeOffset? sendsUntil, CancellationToken ct)
    {
        var result = await TransitionAsync(actor, runId, "run.resumed", run => run.State switch
        {
            // A failed run being taken back off its site stays as it is until that ends.
            RunState.Failed when run.RemovalUnderWay || run.CheckUnderWay => null,
            RunState.Paused or RunState.Failed => RunState.Queued,
            RunState.Pausing => RunState.Running,
            _ => null,
        }, ct, sendsUntil);
        if (result.Succeeded)
        {
            jobs.Enqueue<RunImportJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        }

        return result;
    }

    /// <summary>
    /// Resumes a run outside its nightly window to send now only until <paramref name="until"/> (a lunch hour, the
    /// afternoon), after which it pauses and waits for the window as it would at the window's close. The moment must
    /// come before the window opens: from then on the run sends anyway, until the window closes (plain resume).
    /// </summary>
    public async Task<RunCommandResult> ResumeUntilAsync(string actor, Guid runId, DateTimeOffset until, CancellationToken ct)
    {
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            if (await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is not { } run)
            {
                return RunCommandResult.Fail("Runs.NotFound");
            }

            var now = time.GetUtcNow();
            if ((StoredJson.Read<RunOptions>(run.OptionsJson) ?? new RunOptions()).Window is not { IsEmpty: false } window || window.Contains(now, TeamClock.Zone))
            {
                return RunCommandResult.Fail("Runs.SendUntilInWindow");
            }

            var opens = window.NextOpen(now, TeamClock.Zone);
            if (until < now + SendUntilMargin || until > opens - SendUntilMargin)
            {
                return RunCommandResult.Fail("Runs.SendUntilOutsideGap", TimeZoneInfo.ConvertTime(opens, TeamClock.Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var sendsUntil = until.ToUniversalTime();
        var result = await ResumeAsync(actor, runId, sendsUntil, ct);
        if (result.Succeeded)
        {
            // Also when the run was still pausing and goes on with the job it has (no new start to schedule it).
            jobs.Schedule<SendWindowJob>(job => job.SendUntilAsync(runId, sendsUntil, CancellationToken.None), sendsUntil - time.GetUtcNow());
        }

        return result;
    }

    /// <summary>How near now, or the window's opening, a moment to send until may be.</summary>
    public static readonly TimeSpan SendUntilMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Records not yet sent stay unsent; a run that no job holds is cancelled at once, and a job puts back the site
    /// it silenced (a run that a job holds does so itself when it stops).
    /// </summary>
    public async Task<RunCommandResult> CancelAsync(string actor, Guid runId, CancellationToken ct)
    {
        var result = await TransitionAsync(actor, runId, "run.cancelled", run => run.State switch
        {
            RunState.Paused or RunState.Failed => RunState.Cancelled,
            RunState.Queued or RunState.Planning or RunState.Running or RunState.Pausing => RunState.Cancelling,
            _ => null,
        }, ct);
        if (result.Succeeded && await StateAsync(runId, ct) == RunState.Cancelled && await quiet.ReadAsync(runId, ct) is { Pending: true })
        {
            jobs.Enqueue<RestoreSiteJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        }

        return result;
    }

    /// <summary>
    /// "Restore site settings now" (Admins): puts back what the run silenced, here and now, when no job holds the
    /// run — a paused or failed run stays quiet otherwise, and a restore that failed at the end is tried again.
    /// </summary>
    public async Task<RunCommandResult> RestoreSiteAsync(string actor, Guid runId, CancellationToken ct)
    {
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            if (await db.ImportRuns.FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is not { } run)
            {
                return RunCommandResult.Fail("Runs.NotFound");
            }

            if (run.State.IsActive())
            {
                return RunCommandResult.Fail("Runs.NotNow", run.State.ToString());
            }

            if (await quiet.ReadAsync(runId, ct) is not { Pending: true })
            {
                return RunCommandResult.Fail("Runs.NothingToRestore");
            }

            new AuditLog(db, time).Record(actor, "run.site-restore-asked", AuditTrail.RunSubject(run.Number), new PortalText(AuditTexts.Site, run.SiteName));
            await db.SaveChangesAsync(ct);
        }

        // Under the run's lease: a resume or retry pressed meanwhile waits for the restore to finish.
        // The Admin waits for the answer: a site that does not answer is said at once (the run's own restores wait it out).
        return await quiet.RestoreStoppedAsync(runId, actor, null, null, ct, patient: false) switch
        {
            null => RunCommandResult.Fail("Runs.NotNow", (await StateAsync(runId, ct))?.ToString()),
            { Error: { } error } => RunCommandResult.Fail("Runs.RestoreFailed", error),
            _ => RunCommandResult.Ok(runId),
        };
    }

    /// <summary>Sends the chosen failed or skipped records again (null: every failed record), in a Hangfire job.</summary>
    public async Task<RunCommandResult> RetryAsync(string actor, Guid runId, IReadOnlyList<long>? recordIds, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var (run, refusal) = await RetryableAsync(db, runId, ct);
        if (run is null)
        {
            return refusal!;
        }

        var ids = recordIds?.ToList();
        new AuditLog(db, time).Record(actor, "run.retried", AuditTrail.RunSubject(run.Number), ids is null ? new PortalText(AuditTexts.AllFailed) : new PortalText(AuditTexts.RecordsWithIds, Count(ids.Count), string.Join(", ", ids.Take(20))));
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<RetryRecordsJob>(job => job.ExecuteAsync(runId, ids, CancellationToken.None));
        return RunCommandResult.Ok(runId);
    }

    /// <summary>
    /// Retries every failed record of a cause (or of one value of it). The job finds them when it runs, so a cause of
    /// tens of thousands of records travels as the cause, not as its ids. <see cref="RunCommandResult.Count"/> says how
    /// many failed records the cause has now.
    /// </summary>
    public async Task<RunCommandResult> RetryCauseAsync(string actor, Guid runId, RecordCause cause, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (cause.Kind == RecordErrorKind.Dependency)
        {
            // They go again when the record they wait on does; retrying them alone would fail them again at once.
            return RunCommandResult.Fail("Runs.CauseWaits");
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        var (run, refusal) = await RetryableAsync(db, runId, ct);
        if (run is null)
        {
            return refusal!;
        }

        var count = await RunQueries.FailedOfCause(db, runId, cause).LongCountAsync(ct);
        new AuditLog(db, time).Record(actor, "run.retried", AuditTrail.RunSubject(run.Number), new PortalText(AuditTexts.RecordsOfCause, [PortalArg.Value(Count(count)), PortalArg.Quote(Described(cause))]));
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<RetryRecordsJob>(job => job.ExecuteCauseAsync(runId, cause, CancellationToken.None));
        return RunCommandResult.Ok(runId) with { Count = count };
    }

    // A run that takes a retry: not deleted, cancelled, or being checked or taken off its site.
    private static async Task<(ImportRun? Run, RunCommandResult? Refusal)> RetryableAsync(PortalDbContext db, Guid runId, CancellationToken ct)
    {
        if (await db.ImportRuns.FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is not { } run)
        {
            return (null, RunCommandResult.Fail("Runs.NotFound"));
        }

        if (run.State is RunState.Cancelled or RunState.Cancelling)
        {
            return (null, RunCommandResult.Fail("Runs.CannotRetryCancelled"));
        }

        if (run.RemovalUnderWay)
        {
            return (null, RunCommandResult.Fail("Runs.RemovalRunning"));
        }

        return run.CheckUnderWay ? (null, RunCommandResult.Fail("Runs.CheckRunning")) : (run, null);
    }

    private static string Described(RecordCause cause) =>
        $"{cause.Stage?.ToString() ?? "any stage"} {cause.Kind} {cause.HttpStatus} {cause.ExcType} \"{cause.Template}\"" + (cause.Value is null ? "" : $" naming \"{cause.Value}\"");

    /// <summary>Keeps the operator's corrected insert body for the record and retries it.</summary>
    public async Task<RunCommandResult> EditPayloadAsync(string actor, long recordId, string json, CancellationToken ct)
    {
        JsonObject body;
        try
        {
            body = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException ex)
        {
            return RunCommandResult.Fail("Runs.PayloadNotJson", ex.Message);
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.ImportRecords.FirstOrDefaultAsync(r => r.Id == recordId, ct) is not { } record)
        {
            return RunCommandResult.Fail("Runs.RecordNotFound");
        }

        // Only a record that creates a document has a body of its own to edit: a membership or finalise record is
        // made from what earlier stages created.
        if (record.State is not (RecordState.Failed or RecordState.Skipped) || !RunStages.Creates(record.Stage))
        {
            return RunCommandResult.Fail("Runs.PayloadNotEditable");
        }

        // The body last sent is kept as its differences from the body it was made from: made whole before that changes.
        record.SentJson = SentBodyJson.Whole(record.SentJson, RecordPayloadJson.Read(record.PayloadJson, record.OverrideJson).Insert);
        record.OverrideJson = body.ToJsonString();
        new AuditLog(db, time).Record(actor, "record.payload-edited", await SubjectAsync(db, record.RunId, ct),
            new PortalText(AuditTexts.PayloadEdited, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Doctype, record.SourceKey));
        await db.SaveChangesAsync(ct);
        return await RetryAsync(actor, record.RunId, [record.Id], ct);
    }

    // What the audit says of a run's start: its site and profile, and each option that changes what it does.
    private static PortalText[] StartedDetail(string site, string profile, RunOptions options) =>
    [
        new PortalText(AuditTexts.SiteAndProfile, site, profile),
        .. options.DryRun ? [new PortalText(AuditTexts.DryRun)] : Array.Empty<PortalText>(),
        .. options.SilencesSite ? [new PortalText(options.ResumeSending ? AuditTexts.KeptQuiet : AuditTexts.KeptQuietSendingSuspended)] : Array.Empty<PortalText>(),
        .. options.SendFrom is { } from ? [new PortalText(AuditTexts.SendingFrom, TeamClock.Stamp(from))] : Array.Empty<PortalText>(),
        .. options.Window is { } w
            ? [new PortalText(AuditTexts.SendingOnly, w.From.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), w.Until.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), TeamClock.ZoneId)]
            : Array.Empty<PortalText>(),
    ];

    private static string Count(long count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // How the audit names a run, as everywhere else: by its number ("run 12"), which the activity page links to it.
    private static async Task<string> SubjectAsync(PortalDbContext db, Guid runId, CancellationToken ct) =>
        await db.ImportRuns.Where(r => r.Id == runId).Select(r => (int?)r.Number).FirstOrDefaultAsync(ct) is { } number ? AuditTrail.RunSubject(number) : $"run {runId}";

    /// <summary>Marks failed records as skipped by the operator: they no longer count as failures and are not retried by "retry all".</summary>
    public async Task<RunCommandResult> SkipAsync(string actor, Guid runId, IReadOnlyList<long> recordIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        await using var db = await databases.CreateDbContextAsync(ct);
        var ids = recordIds.ToList();
        var now = time.GetUtcNow();
        // One JSON parameter, however many ids: SQLite takes at most 32,766 parameters in a statement.
        var skipped = await db.ImportRecords.Where(r => r.RunId == runId && EF.Parameter(ids).Contains(r.Id) && r.State == RecordState.Failed)
            .ExecuteUpdateAsync(Skip(now), ct);
        new AuditLog(db, time).Record(actor, "record.skipped", await SubjectAsync(db, runId, ct), new PortalText(AuditTexts.Records, Count(skipped)));
        await db.SaveChangesAsync(ct);
        return RunCommandResult.Ok(runId) with { Count = skipped };
    }

    /// <summary>Skips every failed record of a cause (or of one value of it) in one statement; <see cref="RunCommandResult.Count"/> says how many.</summary>
    public async Task<RunCommandResult> SkipCauseAsync(string actor, Guid runId, RecordCause cause, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cause);
        await using var db = await databases.CreateDbContextAsync(ct);
        if (!await db.ImportRuns.AnyAsync(r => r.Id == runId && r.DeletedAt == null, ct))
        {
            return RunCommandResult.Fail("Runs.NotFound");
        }

        var skipped = await RunQueries.FailedOfCause(db, runId, cause)
            .ExecuteUpdateAsync(Skip(time.GetUtcNow()), ct);
        new AuditLog(db, time).Record(actor, "record.skipped", await SubjectAsync(db, runId, ct), new PortalText(AuditTexts.RecordsOfCause, [PortalArg.Value(Count(skipped)), PortalArg.Quote(Described(cause))]));
        await db.SaveChangesAsync(ct);
        return RunCommandResult.Ok(runId) with { Count = skipped };
    }

    private static Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ImportRecord>> Skip(DateTimeOffset now) => s => s
        .SetProperty(r => r.State, RecordState.Skipped).SetProperty(r => r.Result, RecordResult.None).SetProperty(r => r.UpdatedAt, now);

    /// <summary>
    /// Deletes a run that stands still: it leaves every page at once, and a job removes its records and their attempts
    /// (a migration's run holds hundreds of thousands, payloads included). The documents it created stay on the site
    /// and in the id ledger, so no later run creates them again. Refused while a job works on the run, and while the
    /// site it silenced is not put back yet.
    /// </summary>
    public async Task<RunCommandResult> DeleteAsync(string actor, Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var (run, refusal) = await EndedRuns.LoadAsync(db, runId, now, ct);
        if (run is null)
        {
            return refusal!;
        }

        if (await quiet.ReadAsync(runId, ct) is { Pending: true })
        {
            return RunCommandResult.Fail("Runs.DeleteQuietPending");
        }

        // Its job reads the records to know what to delete from the site.
        if (run.RemovalUnderWay)
        {
            return RunCommandResult.Fail("Runs.RemovalRunning");
        }

        if (run.CheckUnderWay)
        {
            return RunCommandResult.Fail("Runs.CheckRunning");
        }

        run.DeletedAt = now;
        new AuditLog(db, time).Record(actor, "run.deleted", AuditTrail.RunSubject(run.Number), new PortalText(AuditTexts.Deleted, run.SiteName, Count(run.RecordCount)));
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<DeleteRunRecordsJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        return RunCommandResult.Ok(runId);
    }

    private async Task<RunState?> StateAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => (RunState?)r.State).FirstOrDefaultAsync(ct);
    }

    private async Task<RunCommandResult> TransitionAsync(string actor, Guid runId, string action, Func<ImportRun, RunState?> next, CancellationToken ct, DateTimeOffset? sendsUntil = null)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.ImportRuns.FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is not { } run)
        {
            return RunCommandResult.Fail("Runs.NotFound");
        }

        if (next(run) is not { } state)
        {
            return RunCommandResult.Fail("Runs.NotNow", run.State.ToString());
        }

        run.State = state;
        run.PausedAt = null;
        // By hand, the operator decides when it sends: a waiting run resumed starts now, one cancelled never waits again.
        run.WaitsUntil = null;
        run.SendsNow = state is RunState.Queued or RunState.Running;
        run.SendsUntil = run.SendsNow ? sendsUntil : null;
        if (state == RunState.Queued)
        {
            // Resumed: the error that stopped it is no longer what the run is doing; a new one is recorded if it recurs.
            run.Error = null;
            run.ErrorText = null;
            run.ErrorInPortal = false;
        }

        if (state.IsFinished())
        {
            run.FinishedAt = time.GetUtcNow();
        }

        new AuditLog(db, time).Record(actor, action, AuditTrail.RunSubject(run.Number), run.SendsUntil is { } until ? [new PortalText(AuditTexts.SendsUntil, TeamClock.Stamp(until))] : []);
        await db.SaveChangesAsync(ct);
        return RunCommandResult.Ok(runId);
    }
}
