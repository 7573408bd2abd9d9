namespace ImportPortal.Domain.Migration;

/// <summary>The run is waiting for its site to answer again: why (the last error's summary) and when it reads again.</summary>
public sealed record SiteWait(string Reason, DateTimeOffset RetryAt, DateTimeOffset GivesUpAt);
