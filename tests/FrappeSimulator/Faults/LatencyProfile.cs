namespace FrappeSimulator.Faults;

/// <summary>Added delay per request: a fixed part plus a uniform random part in [0, JitterMs].</summary>
public sealed record LatencyProfile(int FixedMs, int JitterMs = 0)
{
    public static LatencyProfile None { get; } = new(0);
}
