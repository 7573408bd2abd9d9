using System.Collections.Concurrent;

namespace FrappeSimulator.Store;

/// <summary>How many requests each route received, e.g. "POST /api/resource/HD Ticket".</summary>
public sealed class RequestLog
{
    readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    long total;

    public long Total => Interlocked.Read(ref total);

    public long Count(string route) => counts.GetValueOrDefault(route);

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(counts, StringComparer.Ordinal);

    internal void Record(string route)
    {
        Interlocked.Increment(ref total);
        counts.AddOrUpdate(route, 1, (_, n) => n + 1);
    }
}
