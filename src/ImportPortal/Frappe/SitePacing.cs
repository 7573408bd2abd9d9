using System.Collections.Concurrent;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Frappe;

/// <summary>
/// One adaptive concurrency limit per site (by URL authority), shared by every run, preview and check that talks to it.
/// Each watches this process's CPU time, so latency the portal's own work explains is not read as the site queueing.
/// </summary>
public sealed class SitePacing(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AdaptiveConcurrencyLimit> _limits = new(StringComparer.OrdinalIgnoreCase);

    public const int DefaultCeiling = 16;

    public AdaptiveConcurrencyLimit For(Uri site)
    {
        ArgumentNullException.ThrowIfNull(site);
        // Two look-ups for every request: the factory takes the clock as an argument, so no closure is made for each.
        return _limits.GetOrAdd(site.Authority, static (_, clock) => new AdaptiveConcurrencyLimit(
            clock, DefaultCeiling, busyTime: static () => Environment.CpuUsage.TotalTime, cores: Environment.ProcessorCount), time);
    }
}
