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

    // One for all sites: the process's CPU is spread over the answers of every site it talks to.
    private readonly PortalLoad _load = new(static () => Environment.CpuUsage.TotalTime, Environment.ProcessorCount);

    public const int DefaultCeiling = 16;

    public AdaptiveConcurrencyLimit For(Uri site)
    {
        ArgumentNullException.ThrowIfNull(site);
        // Two look-ups for every request: the factory takes its arguments as one, so no closure is made for each.
        return _limits.GetOrAdd(site.Authority, static (_, made) => new AdaptiveConcurrencyLimit(made.time, DefaultCeiling, load: made._load), (time, _load));
    }
}
