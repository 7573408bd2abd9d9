using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// The records of one run in memory, planned from mapped entities: claims mark them InFlight (a conversation's
/// messages claimed together, in sequence), saves apply outcomes and write the ledger in one step.
/// </summary>
public sealed class InMemoryRecordStore(InMemoryIdLedger idLedger) : IRecordStore
{
    private readonly Lock _gate = new();
    private readonly List<PlannedRecord> _records = [];
    private long _nextId;
    private int _saves;

    public int Saves => Volatile.Read(ref _saves);

    public IReadOnlyList<PlannedRecord> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Plans the record that creates <paramref name="entity"/> and, for a ticket with finalise bodies or an assignee, its finalise and assignment records.</summary>
    public PlannedRecord Plan(MappedEntity entity, string? externalIdField = null, string? groupKey = null, long sequence = 0)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_gate)
        {
            var record = new PlannedRecord(++_nextId, RunStages.Of(entity.Entity), entity, externalIdField, groupKey, sequence);
            _records.Add(record);
            if (entity.Entity == EntityKind.Ticket && (entity.FinaliseStatus is not null || entity.FinaliseDates is not null))
            {
                _records.Add(new PlannedRecord(++_nextId, RunStage.Finalise, entity, externalIdField, null, 0));
            }

            if (entity.Entity == EntityKind.Ticket && entity.Assign is not null)
            {
                _records.Add(new PlannedRecord(++_nextId, RunStage.Assignments, entity, externalIdField, null, 0));
            }

            return record;
        }
    }

    /// <summary>Plans an organisation's membership record (see <see cref="MembershipPlan"/>).</summary>
    public PlannedRecord PlanMembership(MappedEntity membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        lock (_gate)
        {
            var record = new PlannedRecord(++_nextId, RunStage.Memberships, membership, null, null, 0);
            _records.Add(record);
            return record;
        }
    }

    public PlannedRecord Record(EntityKind entity, string sourceKey) =>
        All.Single(r => RunStages.Creates(r.Stage) && r.Entity.Entity == entity && r.Entity.SourceKey == sourceKey);

    public PlannedRecord MembershipOf(string organisationKey) =>
        All.Single(r => r.Stage == RunStage.Memberships && r.Entity.SourceKey == organisationKey);

    public PlannedRecord FinaliseOf(string ticketKey) =>
        All.Single(r => r.Stage == RunStage.Finalise && r.Entity.SourceKey == ticketKey);

    /// <summary>What a restart does: records left InFlight by a crash become Unknown.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            foreach (var record in _records.Where(r => r.State == RecordState.InFlight))
            {
                record.State = RecordState.Unknown;
            }
        }
    }

    /// <summary>What the operator's "retry" does: the failed records go back to Pending.</summary>
    public void RetryFailed()
    {
        lock (_gate)
        {
            foreach (var record in _records.Where(r => r.State == RecordState.Failed))
            {
                record.State = RecordState.Pending;
                record.Error = null;
            }
        }
    }

    public Task<IReadOnlyList<WorkItem>> ClaimAsync(RunStage stage, int max, CancellationToken ct)
    {
        lock (_gate)
        {
            var open = _records.Where(r => r.Stage == stage && r.State is RecordState.Pending or RecordState.Unknown);
            var claimed = new List<PlannedRecord>();
            foreach (var group in open.GroupBy(r => stage == RunStage.Conversations ? r.GroupKey ?? $"#{r.Id}" : $"#{r.Id}"))
            {
                if (claimed.Count >= max)
                {
                    break;
                }

                claimed.AddRange(group.OrderBy(r => r.Sequence));
            }

            var items = claimed.Select(r => r.ToWorkItem()).ToList();
            foreach (var record in claimed)
            {
                record.State = RecordState.InFlight;
                record.Attempts++;
            }

            return Task.FromResult<IReadOnlyList<WorkItem>>(items);
        }
    }

    public Task SaveAsync(IReadOnlyList<RecordOutcome> outcomes, IReadOnlyList<LedgerEntry> ledger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(ledger);
        lock (_gate)
        {
            foreach (var outcome in outcomes)
            {
                var record = _records.Single(r => r.Id == outcome.Id);
                if (record.State != RecordState.InFlight)
                {
                    throw new InvalidOperationException($"An outcome for a record that is not in flight: {record}");
                }

                record.State = outcome.State;
                record.Result = outcome.Result;
                record.FrappeName = outcome.FrappeName ?? record.FrappeName;
                record.Error = outcome.Error;
                record.Requests.AddRange(outcome.Attempts);
                record.Saves++;
            }

            foreach (var line in ledger)
            {
                idLedger.Write(line);
            }

            _saves++;
        }

        return Task.CompletedTask;
    }

    public Task<bool> AddedMessagesAsync(string ticketKey, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.Any(r => r.Stage == RunStage.Conversations && r.GroupKey == ticketKey && r.State == RecordState.Succeeded && r.Result is RecordResult.Created or RecordResult.WouldCreate));
        }
    }

    public Task<RecordError?> FailureOfAsync(EntityKind entity, string sourceKey, CancellationToken ct)
    {
        lock (_gate)
        {
            var record = _records.FirstOrDefault(r => RunStages.Creates(r.Stage) && r.Entity.Entity == entity && r.Entity.SourceKey == sourceKey);
            return Task.FromResult(record switch
            {
                null => null,
                { State: RecordState.Failed } => record.Error,
                _ => new RecordError(RecordErrorKind.Dependency, $"{entity} {sourceKey} is {record.State}"),
            });
        }
    }
}
