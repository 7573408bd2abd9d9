using ImportPortal.Domain.Migration;

namespace ImportPortal.Runs;

/// <summary>Counts of one stage: everything planned, and what became of it; the rest is pending.</summary>
public sealed record StageCounts(RunStage Stage, long Total, long Created, long Updated, long Skipped, long Failed)
{
    public long Done => Created + Updated + Skipped + Failed;

    public long Pending => Math.Max(0, Total - Done);

    public double Fraction => Total == 0 ? 1 : Done / (double)Total;
}

/// <summary>Records finished per second at a moment.</summary>
public sealed record ThroughputSample(DateTimeOffset At, double PerSecond);

/// <summary>
/// A run as the dashboard shows it live: pushed by the run's job after each batch of outcomes, read from the database on
/// open. <see cref="Waiting"/> is set while the loop waits for a site that stopped answering (live only, not stored).
/// </summary>
public sealed record RunProgress(
    Guid RunId,
    RunState State,
    RunStage? Stage,
    double PlanProgress,
    IReadOnlyList<StageCounts> Stages,
    int Concurrency,
    int InFlight,
    IReadOnlyList<ThroughputSample> Throughput,
    DateTimeOffset At,
    SiteWait? Waiting = null)
{
    public long Total => Stages.Sum(s => s.Total);

    public long Done => Stages.Sum(s => s.Done);

    public long Failed => Stages.Sum(s => s.Failed);

    public double Fraction => Total == 0 ? 0 : Done / (double)Total;

    /// <summary>Time left at the recent pace, or null when there is no pace yet.</summary>
    public TimeSpan? Eta
    {
        get
        {
            var recent = Throughput.TakeLast(10).Select(s => s.PerSecond).DefaultIfEmpty(0).Average();
            return recent > 0.01 && Total > Done ? TimeSpan.FromSeconds((Total - Done) / recent) : null;
        }
    }
}
