namespace ImportPortal.Domain.Migration;

/// <summary>
/// Collects outcomes and their ledger lines and writes them in batches (by size or after an interval), never one
/// transaction per record. A record stays InFlight in the store until its batch is written.
/// </summary>
public sealed class OutcomeBuffer(IRecordStore store, IRunObserver observer, LoopOptions options, TimeProvider time) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private List<RecordOutcome> _outcomes = [];
    private List<LedgerEntry> _ledger = [];
    private long _lastFlush = time.GetTimestamp();

    public async Task AddAsync(RecordOutcome outcome, LedgerEntry? entry, CancellationToken ct)
    {
        bool due;
        lock (_gate)
        {
            _outcomes.Add(outcome);
            if (entry is not null)
            {
                _ledger.Add(entry);
            }

            due = _outcomes.Count >= options.FlushSize || time.GetElapsedTime(_lastFlush) >= options.FlushInterval;
        }

        if (due)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            List<RecordOutcome> outcomes;
            List<LedgerEntry> ledger;
            lock (_gate)
            {
                (outcomes, _outcomes) = (_outcomes, []);
                (ledger, _ledger) = (_ledger, []);
                _lastFlush = time.GetTimestamp();
            }

            if (outcomes.Count == 0 && ledger.Count == 0)
            {
                return;
            }

            await store.SaveAsync(outcomes, ledger, ct);
            observer.Saved(outcomes);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever finished must be written even when the run is being cancelled.
        await FlushAsync(CancellationToken.None);
        _writer.Dispose();
    }
}
