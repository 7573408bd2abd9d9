namespace ImportPortal.Frappe;

/// <summary>Timeouts and retry limits for calls to Frappe sites (configuration section "Portal:Frappe").</summary>
public sealed class FrappeClientOptions
{
    public const string SectionName = "Portal:Frappe";

    /// <summary>One attempt; Frappe behind gunicorn gives up around 120 s, a healthy insert takes well under a second.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>All attempts of one call together, waits included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxRetries { get; set; } = 5;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A Retry-After longer than this is not waited out by the HTTP layer: the caller decides.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
