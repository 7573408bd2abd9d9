using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>A record store whose database goes away: claims work, every save throws.</summary>
public sealed class FailingRecordStore(IRecordStore inner) : IRecordStore
{
    public Task<IReadOnlyList<WorkItem>> ClaimAsync(RunStage stage, int max, CancellationToken ct) => inner.ClaimAsync(stage, max, ct);

    public Task SaveAsync(IReadOnlyList<RecordOutcome> outcomes, IReadOnlyList<LedgerEntry> ledger, CancellationToken ct) =>
        throw new IOException("database is locked");

    public Task<RecordError?> FailureOfAsync(EntityKind entity, string sourceKey, CancellationToken ct) => inner.FailureOfAsync(entity, sourceKey, ct);

    public Task<bool> AddedMessagesAsync(string ticketKey, CancellationToken ct) => inner.AddedMessagesAsync(ticketKey, ct);
}
