using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// What became of a claimed record: its new state, what it did, the Frappe name, the failure, the requests made
/// and the body last sent. <see cref="RecordState.Pending"/> hands an unstarted record back (pause, cancel).
/// </summary>
/// <remarks>
/// <see cref="SentFrom"/> is the insert body the sent one was made from (the operator's edit, else the planned body):
/// a sent body mostly repeats it with the references written in, so the store keeps only where the two differ.
/// </remarks>
public sealed record RecordOutcome(
    long Id,
    RunStage Stage,
    RecordState State,
    RecordResult Result,
    string? FrappeName,
    RecordError? Error,
    IReadOnlyList<AttemptLog> Attempts,
    JsonObject? SentBody)
{
    public JsonObject? SentFrom { get; init; }
}
