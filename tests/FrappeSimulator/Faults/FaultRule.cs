namespace FrappeSimulator.Faults;

/// <summary>
/// One misbehaviour: of the requests matching <see cref="Target"/>, hit the <see cref="NthMatch"/>-th only,
/// or each with probability <see cref="Share"/>; at most <see cref="MaxHits"/> times.
/// </summary>
public sealed record FaultRule(FaultKind Kind, FaultTarget Target)
{
    /// <summary>Probability (0..1) that a matching request is hit; drawn from the plan's seeded random.</summary>
    public double Share { get; init; } = 1.0;

    /// <summary>1-based: hit exactly this matching request (counted from when the rule was added).</summary>
    public int? NthMatch { get; init; }

    public int? MaxHits { get; init; }
}
