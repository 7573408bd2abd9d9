using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Quiet;

namespace ImportPortal.Runs;

/// <summary>
/// A line of the runs list: its counts by stage as stored, or as the run's job last pushed them (<see cref="With"/>).
/// <paramref name="WaitingOnFailed"/>: failed records that only wait on a failed record they need. <paramref name="Removed"/>:
/// the documents it created that were taken back off its site; <paramref name="Removing"/>: that is under way.
/// <paramref name="SiteCheck"/>: how its last check of the site went, when it was ever checked.
/// </summary>
public sealed record RunSummary(
    Guid Id, int Number, RunState State, string SiteName, string ProfileName, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, bool DryRun, IReadOnlyList<StageCounts> Stages, long WaitingOnFailed = 0,
    long Removed = 0, bool Removing = false, RunSiteCheck? SiteCheck = null)
{
    /// <summary>The moment a planned run waits for before it sends; null once it sends.</summary>
    public DateTimeOffset? WaitsUntil { get; init; }

    /// <summary>Resumed by hand outside its window to send until then.</summary>
    public DateTimeOffset? SendsUntil { get; init; }

    public TimeSpan? Took => RunTimes.Took(CreatedAt, StartedAt, FinishedAt);

    public long Total => Stages.Sum(s => s.Total);

    public long Created => Stages.Sum(s => s.Created);

    public long Updated => Stages.Sum(s => s.Updated);

    public long Skipped => Stages.Sum(s => s.Skipped);

    public long Failed => Stages.Sum(s => s.Failed);

    public long Done => Stages.Sum(s => s.Done);

    public double Fraction => Total == 0 ? 0 : Done / (double)Total;

    /// <summary>The line as the run's job last pushed it; a state-only message (no counts) keeps the counts shown.</summary>
    public RunSummary With(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return this with { State = progress.State, Stages = progress.Stages.Count == 0 ? Stages : progress.Stages };
    }
}

/// <summary>
/// Everything the run dashboard shows when it opens; live changes then arrive as <see cref="RunProgress"/>.
/// <paramref name="QuietUntil"/>: when a paused run's silenced site is put back unless the run is resumed first.
/// <paramref name="WaitingOnFailed"/>: failed records that failed only because a record they need did; they are
/// retried by themselves once it succeeds. <paramref name="FailedTables"/>: the source tables with failed rows, each
/// downloaded on its own (their columns differ). <paramref name="LeftOut"/>: the source records no entity took, as
/// planning counted them (spam and deleted tickets, their notes).
/// </summary>
public sealed record RunView(
    Guid Id, int Number, RunState State, Guid SiteId, string SiteName, Guid ProfileId, string ProfileName, RunOptions Options,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error,
    RunProgress Progress, IReadOnlyList<RecordLine> LatestErrors, SiteQuietState? Quiet = null, DateTimeOffset? QuietUntil = null, int WaitingOnFailed = 0,
    IReadOnlyList<FailedTable>? FailedTables = null, bool ErrorInPortal = false, IReadOnlyList<LeftOutTally>? LeftOut = null)
{
    public TimeSpan? Took => RunTimes.Took(CreatedAt, StartedAt, FinishedAt);

    /// <summary>The moment a planned run waits for before it sends (<see cref="RunOptions.SendFrom"/>); null once it sends.</summary>
    public DateTimeOffset? WaitsUntil { get; init; }

    /// <summary>Resumed by hand outside its window to send until then (<see cref="ImportRun.SendsUntil"/>).</summary>
    public DateTimeOffset? SendsUntil { get; init; }

    /// <summary>The portal's sentence behind <see cref="Error"/>, to show in the reader's language; null when the error is the site's.</summary>
    public IReadOnlyList<PortalText>? ErrorText { get; init; }
}

/// <summary>How long a run took: from its job's start (or its creation, if no job started it) to its end, pauses included — what a migration window has to hold.</summary>
public static class RunTimes
{
    public static TimeSpan? Took(DateTimeOffset createdAt, DateTimeOffset? startedAt, DateTimeOffset? finishedAt) =>
        finishedAt is { } finished ? finished - (startedAt ?? createdAt) : null;
}

/// <summary>A record in the error list.</summary>
public sealed record RecordLine(
    long Id, RunStage Stage, EntityKind Entity, string Doctype, string SourceKey, string Table, long Row, RecordState State,
    RecordResult Result, int Attempts, string? FrappeName, RecordErrorKind? ErrorKind, int? HttpStatus, string? ExcType, string? Message,
    DateTimeOffset? UpdatedAt, bool Edited)
{
    /// <summary>The portal's own sentences behind <see cref="Message"/>, to show in the reader's language; null when the message is the site's.</summary>
    public IReadOnlyList<PortalText>? Text { get; init; }
}

/// <summary>How the error list is filtered and paged; a cause narrows it to the failed records of that cause.</summary>
public sealed record RecordFilter(
    RunStage? Stage = null, RecordErrorKind? Kind = null, string? Text = null, RecordState? State = RecordState.Failed, int Skip = 0, int Take = 50,
    RecordCause? Cause = null);

/// <summary>
/// What failed records share: their stage (null for records that wait on a failed one, whatever their stage), kind,
/// HTTP status, Frappe's exception type and their message's <see cref="FailureCause.Template"/>; with a
/// <paramref name="Value"/>, only the records whose message took out that value at the template's first gap.
/// </summary>
public sealed record RecordCause(RunStage? Stage, RecordErrorKind? Kind, int? HttpStatus, string? ExcType, string Template, string? Value = null);

/// <summary>A cause of a run's failed records: how many, in which stages, and the values its messages name, most frequent first.</summary>
public sealed record CauseLine(RecordCause Cause, long Count, IReadOnlyList<RunStage> Stages, IReadOnlyList<CauseValue> Values, int ValueCount)
{
    /// <summary>One of its records' sentences, from which the cause is said in the reader's language; null when its messages are the site's.</summary>
    public IReadOnlyList<PortalText>? Text { get; init; }
}

/// <summary>A value a cause's messages name (the missing priority, the ticket waited on) and how many records name it.</summary>
public sealed record CauseValue(string Value, long Count);

/// <summary>A page of records and how many match in all.</summary>
public sealed record RecordPage(IReadOnlyList<RecordLine> Items, int Total);

/// <summary>One record in full: its source row, the planned and the sent payloads, its error and every attempt.</summary>
public sealed record RecordDetail(
    RecordLine Line, Guid RunId, IReadOnlyList<KeyValuePair<string, string>> SourceRow, JsonObject Planned, JsonObject? Override,
    JsonObject? Sent, JsonObject? FinaliseStatus, JsonObject? FinaliseDates, IReadOnlyList<EntityReference> References, IReadOnlyList<RecordAttempt> Attempts)
{
    /// <summary>A ticket's assignment as planned (<c>{"assign_to": user}</c>), sent after its finalise.</summary>
    public JsonObject? Assign { get; init; }

    /// <summary>A ticket's tags as planned (<c>{"tags": [...]}</c>), added after its finalise PUTs.</summary>
    public JsonObject? Tags { get; init; }
}

/// <summary>
/// A run's last check of its site, for the runs list: under way, stopped by the site, or done with what it found gone
/// (<paramref name="Found"/>) and, of that, what is not handed back to the run yet (<paramref name="MissingLeft"/>).
/// </summary>
public sealed record RunSiteCheck(bool Running, bool Stopped, long Found, long MissingLeft);
