using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// What became of a claimed record: its new state, what it did, the Frappe name, the failure, the requests made
/// and the body last sent. <see cref="RecordState.Pending"/> hands an unstarted record back (pause, cancel).
/// </summary>
public sealed record RecordOutcome(
    long Id,
    RunStage Stage,
    RecordState State,
    RecordResult Result,
    string? FrappeName,
    RecordError? Error,
    IReadOnlyList<AttemptLog> Attempts,
    JsonObject? SentBody);
