using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Migration;

/// <summary>Writes down each request made for one record and builds its outcome.</summary>
internal sealed class AttemptRecorder(TimeProvider time)
{
    private readonly List<AttemptLog> _attempts = [];

    /// <summary>Why the record cannot be sent, when a step before the send finds it (a reference not there, a team with no member).</summary>
    public RecordError? Unsendable { get; set; }

    public void Add(string request, long started, string outcome) =>
        _attempts.Add(new AttemptLog(time.GetUtcNow(), request, time.GetElapsedTime(started), outcome));

    public void Add(string request, long started, FrappeError error) =>
        _attempts.Add(new AttemptLog(time.GetUtcNow(), request, time.GetElapsedTime(started), AttemptOutcomes.Of(error.Kind), error.HttpStatus, error.ExcType, error.Summary));

    public RecordOutcome Done(WorkItem item, RecordState state, RecordResult result, string? name, JsonObject? sent) =>
        new(item.Id, item.Stage, state, result, name, null, [.. _attempts], sent) { SentFrom = item.Payload.Insert };

    /// <summary>Sent without a usable answer: back to the store as Unknown, to be looked up on the site before any new send.</summary>
    public RecordOutcome Unsettled(WorkItem item, JsonObject sent) =>
        new(item.Id, item.Stage, RecordState.Unknown, RecordResult.None, null, null, [.. _attempts], sent) { SentFrom = item.Payload.Insert };

    /// <summary>Not sent this time (the run stopped before its turn): back to the store as it was claimed, with what was tried.</summary>
    public RecordOutcome Returned(WorkItem item, bool mayHaveLanded) =>
        new(item.Id, item.Stage, mayHaveLanded ? RecordState.Unknown : RecordState.Pending, RecordResult.None, null, null, [.. _attempts], null);

    public RecordOutcome Failed(WorkItem item, RecordError error, JsonObject? sent = null) =>
        new(item.Id, item.Stage, RecordState.Failed, RecordResult.None, null, error, [.. _attempts], sent) { SentFrom = item.Payload.Insert };
}
