namespace ImportPortal.Domain.Migration;

/// <summary>
/// How the loop runs: which stages, whether it writes at all, how many records it works on at once (the ceiling;
/// the site's adaptive limiter decides how many requests are really in flight), and how it retries.
/// </summary>
public sealed record LoopOptions
{
    public IReadOnlySet<RunStage> Stages { get; init; } = RunStages.All.ToHashSet();

    public bool DryRun { get; init; }

    public int Workers { get; init; } = 16;

    public ExistingMode Existing { get; init; } = ExistingMode.Skip;

    /// <summary>Records claimed per database round trip.</summary>
    public int ClaimBatch { get; init; } = 200;

    /// <summary>Sends of one record that end transiently before it is failed (each already retried by the HTTP layer where safe).</summary>
    public int MaxSends { get; init; } = 4;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Outcomes are written in batches of this many, or after <see cref="FlushInterval"/>.</summary>
    public int FlushSize { get; init; } = 250;

    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(300);
}
