using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;

namespace ImportPortal.Runs;

/// <summary>
/// The run job's view of its run while the loop works: counts kept up to date from each written batch, the
/// throughput over the last seconds, and the operator's stop request (read from the database by the heartbeat).
/// </summary>
public sealed class RunObserver(Guid runId, IReadOnlyList<StageCounts> initial, AdaptiveConcurrencyLimit pace, ProgressFeed<RunProgress> feed, TimeProvider time)
    : IRunObserver
{
    private const int MaxSamples = 600;
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, long Done)> _recent = new();
    private readonly List<ThroughputSample> _samples = [];
    private IReadOnlyList<StageCounts> _counts = initial;
    private volatile bool _stop;
    private volatile SiteWait? _waiting;

    public RunState State { get; set; } = RunState.Running;

    public RunStage? Stage { get; private set; }

    public bool StopRequested => _stop;

    public void RequestStop() => _stop = true;

    /// <summary>The operator resumed before the loop had finished pausing: carry on.</summary>
    public void Resume()
    {
        State = RunState.Running;
        _stop = false;
    }

    public void SiteWaiting(SiteWait? wait)
    {
        _waiting = wait;
        Publish();
    }

    public void StageStarted(RunStage stage)
    {
        Stage = stage;
        Publish();
    }

    public void Saved(IReadOnlyList<RecordOutcome> outcomes)
    {
        lock (_gate)
        {
            _counts = RunCounter.Apply(_counts, outcomes);
        }

        Publish();
    }

    /// <summary>Takes a throughput sample (the heartbeat calls this once a second) and returns the recent ones.</summary>
    public IReadOnlyList<ThroughputSample> Sample()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var done = _counts.Sum(c => c.Done);
            _recent.Enqueue((now, done));
            while (_recent.Count > 6)
            {
                _recent.Dequeue();
            }

            var (firstAt, firstDone) = _recent.Peek();
            var seconds = (now - firstAt).TotalSeconds;
            if (seconds > 0.5)
            {
                _samples.Add(new ThroughputSample(now, (done - firstDone) / seconds));
                if (_samples.Count > MaxSamples)
                {
                    _samples.RemoveAt(0);
                }
            }

            return [.. _samples];
        }
    }

    public void Restore(IEnumerable<ThroughputSample> samples)
    {
        lock (_gate)
        {
            _samples.AddRange(samples.TakeLast(MaxSamples));
        }
    }

    public RunProgress Snapshot(double planProgress = 1)
    {
        lock (_gate)
        {
            return new RunProgress(runId, State, Stage, planProgress, _counts, pace.Limit, pace.InFlight, [.. _samples], time.GetUtcNow(), _waiting);
        }
    }

    public void Publish() => feed.Publish(Snapshot());
}
