using System.Collections.Concurrent;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Hears a run like the dashboard would; asks it to stop when told, or once <see cref="StopAfterSaved"/> outcomes were written.</summary>
public sealed class RecordingObserver : IRunObserver
{
    private readonly ConcurrentQueue<RunStage> _stages = new();
    private int _saved;
    private volatile bool _stop;

    public int? StopAfterSaved { get; init; }

    /// <summary>The operator presses pause as soon as the dashboard says the site is being waited for.</summary>
    public bool StopWhenWaiting { get; init; }

    /// <summary>Every wait for the site the loop reported, and null each time it answered again.</summary>
    public ConcurrentQueue<SiteWait?> Waits { get; } = new();

    public IReadOnlyList<RunStage> Stages => [.. _stages];

    public int SavedOutcomes => Volatile.Read(ref _saved);

    public bool StopRequested => _stop;

    /// <summary>The operator presses pause.</summary>
    public void RequestStop() => _stop = true;

    public void StageStarted(RunStage stage) => _stages.Enqueue(stage);

    public void SiteWaiting(SiteWait? wait)
    {
        Waits.Enqueue(wait);
        if (wait is not null && StopWhenWaiting)
        {
            _stop = true;
        }
    }

    public void Saved(IReadOnlyList<RecordOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (Interlocked.Add(ref _saved, outcomes.Count) >= StopAfterSaved)
        {
            _stop = true;
        }
    }
}
