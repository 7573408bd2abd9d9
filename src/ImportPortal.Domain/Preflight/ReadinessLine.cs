namespace ImportPortal.Domain.Preflight;

/// <summary>One line of a site's last preflight that is not Green, and what it means for the run about to start.</summary>
public sealed record ReadinessLine(PreflightLine Line, ReadinessHandling Handling);
