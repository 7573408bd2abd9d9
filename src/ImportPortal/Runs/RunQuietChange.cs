using ImportPortal.Domain.Quiet;

namespace ImportPortal.Runs;

/// <summary>A run silenced its site, or put it back (or failed to): the dashboard shows it at once.</summary>
public sealed record RunQuietChange(Guid RunId, SiteQuietState State);
