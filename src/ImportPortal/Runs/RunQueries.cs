using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Quiet;
using ImportPortal.Domain.Sources;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Runs;

/// <summary>Reads runs and records for the pages; nothing here writes.</summary>
public sealed class RunQueries(IDbContextFactory<PortalDbContext> databases, UploadStore uploads, IOptions<RunsOptions> options, TimeProvider time)
{
    public async Task<(IReadOnlyList<RunSummary> Items, int Total)> ListAsync(int skip, int take, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var live = db.ImportRuns.AsNoTracking().Where(r => r.DeletedAt == null);
        var total = await live.CountAsync(ct);
        var runs = await live.OrderByDescending(r => r.CreatedAt).Skip(skip).Take(take).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var counts = await RunCounter.CountManyAsync(db, ids, ct);
        var waiting = await db.ImportRecords.AsNoTracking()
            .Where(r => ids.Contains(r.RunId) && r.State == RecordState.Failed && r.ErrorKind == RecordErrorKind.Dependency)
            .GroupBy(r => r.RunId).Select(g => new { RunId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.RunId, g => g.Count, ct);
        // What checks of the site found gone, from the index that holds only those records.
        var missing = await db.ImportRecords.AsNoTracking()
            .Where(r => ids.Contains(r.RunId) && r.MissingSince != null)
            .GroupBy(r => r.RunId).Select(g => new { RunId = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.RunId, g => g.Count, ct);
        var items = runs.Select(run => new RunSummary(
            run.Id, run.Number, run.State, run.SiteName, run.ProfileName, run.CreatedBy, run.CreatedAt, run.StartedAt, run.FinishedAt,
            (StoredJson.Read<RunOptions>(run.OptionsJson) ?? new RunOptions()).DryRun, counts[run.Id], waiting.GetValueOrDefault(run.Id),
            run.RemovalRemoved, run.RemovalUnderWay,
            run.CheckRequestedAt is null ? null : new RunSiteCheck(run.CheckUnderWay, run.CheckError is not null, run.CheckMissing, missing.GetValueOrDefault(run.Id)))
        {
            WaitsUntil = run.WaitsUntil,
            SendsUntil = run.SendsUntil,
        }).ToList();
        return (items, total);
    }

    public async Task<RunView?> GetAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is not { } run)
        {
            return null;
        }

        var counts = await RunCounter.CountAsync(db, runId, ct);
        var throughput = StoredJson.Read<List<ThroughputSample>>(run.ThroughputJson) ?? [];
        var progress = new RunProgress(run.Id, run.State, null, run.PlannedAt is null ? run.PlanProgress : 1, counts, 0, 0, throughput, time.GetUtcNow());
        var latest = await PageAsync(db, runId, new RecordFilter(Take: 5), latestFirst: true, ct);
        var quiet = StoredJson.Read<SiteQuietState>(run.QuietJson);
        var waiting = progress.Failed == 0 ? 0
            : await db.ImportRecords.CountAsync(r => r.RunId == runId && r.State == RecordState.Failed && r.ErrorKind == RecordErrorKind.Dependency, ct);
        var failedTables = progress.Failed == 0 ? [] : await RunDownloads.FailedTablesAsync(db, run, ct);
        return new RunView(run.Id, run.Number, run.State, run.SiteId, run.SiteName, run.ProfileId, run.ProfileName,
            StoredJson.Read<RunOptions>(run.OptionsJson) ?? new RunOptions(), run.CreatedBy, run.CreatedAt, run.StartedAt, run.FinishedAt, run.Error,
            progress, latest.Items, quiet, QuietUntil(run, quiet), waiting, failedTables, run.ErrorInPortal, StoredJson.Read<List<LeftOutTally>>(run.LeftOutJson))
        {
            WaitsUntil = run.WaitsUntil,
            SendsUntil = run.SendsUntil,
            ErrorText = PortalTextJson.Read(run.ErrorText),
        };
    }

    /// <summary>The run's number, or null when there is no such run.</summary>
    public async Task<int?> NumberOfAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.ImportRuns.Where(r => r.Id == runId && r.DeletedAt == null).Select(r => (int?)r.Number).FirstOrDefaultAsync(ct);
    }

    /// <summary>What the run was started with (site, profile, uploads, options), to start another like it; null when there is no such run.</summary>
    public async Task<(int Number, StartRunRequest Request)?> StartedWithAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is not { } run)
        {
            return null;
        }

        var bindings = StoredJson.Read<Dictionary<string, TableBinding>>(run.BindingsJson) ?? [];
        return (run.Number, new StartRunRequest(run.SiteId, run.ProfileId, bindings, StoredJson.Read<RunOptions>(run.OptionsJson) ?? new RunOptions()));
    }

    private DateTimeOffset? QuietUntil(ImportRun run, SiteQuietState? quiet) =>
        run is { State: RunState.Paused, PausedAt: { } pausedAt } && quiet is { Pending: true } && options.Value.QuietPauseLimit > TimeSpan.Zero
            ? pausedAt + options.Value.QuietPauseLimit
            : null;

    public async Task<RecordPage> RecordsAsync(Guid runId, RecordFilter filter, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await PageAsync(db, runId, filter, latestFirst: false, ct);
    }

    public async Task<RecordDetail?> DetailAsync(long recordId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.ImportRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId, ct) is not { } record)
        {
            return null;
        }

        var attempts = await db.RecordAttempts.AsNoTracking().Where(a => a.RecordId == recordId).OrderBy(a => a.Id).ToListAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == record.RunId, ct);
        var payload = RecordPayloadJson.Read(record.PayloadJson);
        if (record is { Stage: RunStage.Tickets, Entity: EntityKind.Ticket })
        {
            // The ticket's finalise PUTs as they will go: its finalise record also carries its conversation's times.
            var finalise = await db.ImportRecords.AsNoTracking()
                .Where(r => r.RunId == record.RunId && r.Stage == RunStage.Finalise && r.Entity == EntityKind.Ticket && r.SourceKey == record.SourceKey)
                .Select(r => r.PayloadJson).FirstOrDefaultAsync(ct);
            if (finalise is not null)
            {
                var planned = RecordPayloadJson.Read(finalise);
                payload = payload with { FinaliseStatus = planned.FinaliseStatus, FinaliseDates = planned.FinaliseDates };
            }
        }

        var edited = record.OverrideJson is null ? null : JsonNode.Parse(record.OverrideJson) as JsonObject;
        return new RecordDetail(
            Line(record), record.RunId, await SourceRowAsync(run, record.Table, record.Row, ct), payload.Insert,
            edited, SentBodyJson.Read(record.SentJson, edited ?? payload.Insert),
            payload.FinaliseStatus, payload.FinaliseDates, payload.References, attempts) { Assign = payload.Assign, Tags = payload.Tags };
    }

    /// <summary>The source row a record was mapped from, column by column (streams the upload up to that row).</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> SourceRowAsync(ImportRun run, string table, long row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        var bindings = StoredJson.Read<Dictionary<string, TableBinding>>(run.BindingsJson) ?? [];
        if (!bindings.TryGetValue(table, out var binding) || await uploads.FindAsync(binding.UploadId, ct) is not { } upload)
        {
            return [];
        }

        try
        {
            var reader = await SourceReaderFactory.OpenAsync(await uploads.SniffAsync(upload, ct), uploads.PathOf(upload), new SourceReadOptions(Table: binding.Table), ct);
            await foreach (var record in reader.ReadAsync(ct))
            {
                if (record.Locator.Row == row)
                {
                    return record.Schema.Names.Select((name, i) => KeyValuePair.Create(name, record.Get(i).ToString())).ToList();
                }

                if (record.Locator.Row > row)
                {
                    break;
                }
            }
        }
        catch (SourceFormatException)
        {
            // The row cannot be read back; the detail shows the payload without it.
        }

        return [];
    }

    private static async Task<RecordPage> PageAsync(PortalDbContext db, Guid runId, RecordFilter filter, bool latestFirst, CancellationToken ct)
    {
        var query = Filtered(db, runId, filter);
        var total = await query.CountAsync(ct);
        var take = Math.Clamp(filter.Take, 1, 500);
        if (latestFirst)
        {
            // The ids first, from the failed-records index; then only those records: sorting the records themselves read
            // every failed one, payload and all.
            var ids = await LatestIds(query, filter.Skip, take).ToListAsync(ct);
            var latest = await db.ImportRecords.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
            return new RecordPage(latest.OrderBy(r => ids.IndexOf(r.Id)).Select(Line).ToList(), total);
        }

        var rows = await query.OrderBy(r => r.Id).Skip(filter.Skip).Take(take).ToListAsync(ct);
        return new RecordPage(rows.Select(Line).ToList(), total);
    }

    internal static IQueryable<ImportRecord> Filtered(PortalDbContext db, Guid runId, RecordFilter filter)
    {
        var query = db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId);
        if (filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }

        if (filter.Stage is { } stage)
        {
            query = query.Where(r => r.Stage == stage);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(r => r.ErrorKind == kind);
        }

        if (filter.Cause is { } cause)
        {
            query = OfCause(query, cause);
        }

        if (filter.Text is { Length: > 0 } text)
        {
            var pattern = $"%{text.Trim()}%";
            // The portal's own sentences are read translated: words of the reader's language find the sentences that say them.
            var sentences = PortalTexts.StoredKeysSaying(text, System.Globalization.CultureInfo.CurrentUICulture);
            query = query.Where(r => EF.Functions.Like(r.ErrorMessage ?? "", pattern) || EF.Functions.Like(r.SourceKey, pattern) || EF.Functions.Like(r.ErrorExcType ?? "", pattern)
                || (r.ErrorText != null && sentences.Any(s => r.ErrorText.Contains(s))));
        }

        return query;
    }

    /// <summary>
    /// The causes of the run's failed records, most records first: its failed records grouped by stage, kind, status,
    /// exception type and message in the database, then the messages' values taken out here. Records that wait on a
    /// failed one are grouped across stages: one failed ticket is one cause, not one per stage of its conversation.
    /// </summary>
    public async Task<IReadOnlyList<CauseLine>> CausesAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var groups = await Failed(db, runId)
            .GroupBy(r => new { r.Stage, r.ErrorKind, r.ErrorStatus, r.ErrorExcType, r.ErrorMessage })
            .Select(g => new { g.Key.Stage, g.Key.ErrorKind, g.Key.ErrorStatus, g.Key.ErrorExcType, g.Key.ErrorMessage, Text = g.Max(r => r.ErrorText), Count = g.LongCount() })
            .ToListAsync(ct);
        var causes = new Dictionary<RecordCause, CauseTally>();
        foreach (var group in groups)
        {
            var of = FailureCause.Of(group.ErrorMessage);
            var cause = new RecordCause(group.ErrorKind == RecordErrorKind.Dependency ? null : group.Stage, group.ErrorKind, group.ErrorStatus, group.ErrorExcType, of.Template);
            if (!causes.TryGetValue(cause, out var tally))
            {
                causes[cause] = tally = new CauseTally();
            }

            tally.Text ??= group.Text;

            tally.Count += group.Count;
            tally.Stages.Add(group.Stage);
            if (of.Value is { } value)
            {
                tally.Values[value] = tally.Values.GetValueOrDefault(value) + group.Count;
            }
        }

        return causes
            .Select(c => new CauseLine(c.Key, c.Value.Count, [.. c.Value.Stages],
                c.Value.Values.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Take(CauseValuesShown).Select(v => new CauseValue(v.Key, v.Value)).ToList(),
                c.Value.Values.Count) { Text = PortalTextJson.Read(c.Value.Text) })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Cause.Kind == RecordErrorKind.Dependency).ThenBy(c => c.Cause.Stage).ThenBy(c => c.Cause.Template, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class CauseTally
    {
        public long Count { get; set; }

        public SortedSet<RunStage> Stages { get; } = [];

        public Dictionary<string, long> Values { get; } = new(StringComparer.Ordinal);

        /// <summary>A record's sentences as stored, to say the cause in the reader's language.</summary>
        public string? Text { get; set; }
    }

    /// <summary>The ids of the records the filter finds, all of them: what "retry these" and "skip these" act on.</summary>
    public async Task<IReadOnlyList<long>> IdsAsync(Guid runId, RecordFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await databases.CreateDbContextAsync(ct);
        return await Filtered(db, runId, filter).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
    }

    /// <summary>How many values of a cause the error list names.</summary>
    public const int CauseValuesShown = 5;

    /// <summary>The run's failed records of the cause (and naming its value, when it has one): what Retry and Skip these act on.</summary>
    internal static IQueryable<ImportRecord> FailedOfCause(PortalDbContext db, Guid runId, RecordCause cause) => OfCause(Failed(db, runId), cause);

    /// <summary>The records of <paramref name="query"/> whose failure is of the cause (and names its value, when it has one).</summary>
    internal static IQueryable<ImportRecord> OfCause(IQueryable<ImportRecord> query, RecordCause cause)
    {
        if (cause.Stage is { } stage)
        {
            query = query.Where(r => r.Stage == stage);
        }

        var pattern = FailureCause.LikePattern(cause.Template, cause.Value);
        return query.Where(r => r.ErrorKind == cause.Kind && r.ErrorStatus == cause.HttpStatus && r.ErrorExcType == cause.ExcType
            && EF.Functions.Like(r.ErrorMessage ?? "", pattern, "\\"));
    }

    internal static IQueryable<long> LatestIds(IQueryable<ImportRecord> records, int skip, int take) =>
        records.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Select(r => r.Id).Skip(skip).Take(take);

    internal static IQueryable<ImportRecord> Failed(PortalDbContext db, Guid runId) =>
        db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId && r.State == RecordState.Failed);

    private static RecordLine Line(ImportRecord r) =>
        new(r.Id, r.Stage, r.Entity, r.Doctype, r.SourceKey, r.Table, r.Row, r.State, r.Result, r.Attempts, r.FrappeName,
            r.ErrorKind, r.ErrorStatus, r.ErrorExcType, r.ErrorMessage, r.UpdatedAt, r.OverrideJson is not null)
        {
            Text = PortalTextJson.Read(r.ErrorText),
        };
}
