using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>The records of one run, as the import loop sees them.</summary>
public interface IRecordStore
{
    /// <summary>
    /// Marks up to <paramref name="max"/> Pending or Unknown records of a stage InFlight and returns them; for the
    /// conversation stage whole groups (one ticket's messages) in sequence order. Empty when the stage has none left.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> ClaimAsync(RunStage stage, int max, CancellationToken ct);

    /// <summary>Writes outcomes and the ledger lines they produced in one transaction.</summary>
    Task SaveAsync(IReadOnlyList<RecordOutcome> outcomes, IReadOnlyList<LedgerEntry> ledger, CancellationToken ct);

    /// <summary>How the record of an entity stands in this run (for "dependency failed: ..."), or null when the run has none.</summary>
    Task<RecordError?> FailureOfAsync(EntityKind entity, string sourceKey, CancellationToken ct);

    /// <summary>Whether this run created a message (reply or note) on the ticket with this source key, or would have in a dry run.</summary>
    Task<bool> AddedMessagesAsync(string ticketKey, CancellationToken ct);
}
