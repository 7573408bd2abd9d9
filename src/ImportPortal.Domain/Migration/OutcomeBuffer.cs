namespace ImportPortal.Domain.Migration;

/// <summary>
/// Collects outcomes and their ledger lines and writes them in batches (by size or after an interval), never one
/// transaction per record. Writing happens on its own task, so senders never wait for the database unless the
/// backlog grows past a few batches. A record stays InFlight in the store until its batch is written.
/// </summary>
public sealed class OutcomeBuffer : IAsyncDisposable
{
    private readonly IRecordStore _store;
    private readonly IRunObserver _observer;
    private readonly LoopOptions _options;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flusher;
    private List<RecordOutcome> _outcomes = [];
    private List<LedgerEntry> _ledger = [];
    private Exception? _failure;
    private int _unsettled;

    /// <summary>How many outcomes so far handed their record back as Unknown, to be looked up and sent again.</summary>
    public int Unsettled => Volatile.Read(ref _unsettled);

    public OutcomeBuffer(IRecordStore store, IRunObserver observer, LoopOptions options)
    {
        _store = store;
        _observer = observer;
        _options = options;
        _flusher = Task.Run(FlushLoopAsync);
    }

    public async Task AddAsync(RecordOutcome outcome, LedgerEntry? entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.State == RecordState.Unknown)
        {
            Interlocked.Increment(ref _unsettled);
        }

        int count;
        lock (_gate)
        {
            _outcomes.Add(outcome);
            if (entry is not null)
            {
                _ledger.Add(entry);
            }

            count = _outcomes.Count;
        }

        if (_failure is { } failure)
        {
            throw new InvalidOperationException("Writing outcomes to the database failed.", failure);
        }

        if (count >= _options.FlushSize * 4)
        {
            // The database is behind: wait for it rather than pile outcomes up in memory.
            await FlushAsync(ct);
        }
        else if (count >= _options.FlushSize && _due.CurrentCount == 0)
        {
            try
            {
                _due.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
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
            }

            if (outcomes.Count == 0 && ledger.Count == 0)
            {
                return;
            }

            await _store.SaveAsync(outcomes, ledger, ct);
            _observer.Saved(outcomes);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task FlushLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                // Real time on purpose: the interval is a pace for the database, not a rule a test would fake.
                await _due.WaitAsync(_options.FlushInterval, _stop.Token);
                await FlushAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Surfaced to the senders on their next outcome; the records stay InFlight and are verified on resume.
                _failure = ex;
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _flusher;

        // Whatever finished must be written even when the run is being cancelled.
        await FlushAsync(CancellationToken.None);
        _writer.Dispose();
        _due.Dispose();
        _stop.Dispose();
    }
}
