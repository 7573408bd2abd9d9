using ImportPortal.Domain.Migration;

namespace ImportPortal.Runs;

/// <summary>What the operator chose when starting a run.</summary>
public sealed record RunOptions
{
    public IReadOnlyList<RunStage> Stages { get; init; } = RunStages.All;

    public bool DryRun { get; init; }

    /// <summary>Most requests in flight to the site at once; the adaptive limiter stays at or below it.</summary>
    public int Ceiling { get; init; } = 32;

    public ExistingMode Existing { get; init; } = ExistingMode.Skip;

    public const int MaxCeiling = 64;
}
