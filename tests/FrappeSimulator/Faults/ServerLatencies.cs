namespace FrappeSimulator.Faults;

/// <summary>Server-side request latencies (capacity wait plus service), for benchmarks that must not overload a site.</summary>
public sealed class ServerLatencies
{
    readonly Lock gate = new();
    List<double> millis = [];

    public void Record(TimeSpan elapsed)
    {
        lock (gate)
        {
            millis.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The recorded latencies since the last call, and starts afresh.</summary>
    public IReadOnlyList<double> Drain()
    {
        lock (gate)
        {
            var taken = millis;
            millis = [];
            return taken;
        }
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
