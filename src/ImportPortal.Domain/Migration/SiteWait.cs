namespace ImportPortal.Domain.Migration;

/// <summary>
/// The run is waiting on its site: why (the last error's summary), when it goes again, and when it gives up. A wait for
/// Frappe's user-creation limit never gives up (<see cref="GivesUpAt"/> is when it goes again).
/// </summary>
public sealed record SiteWait(string Reason, DateTimeOffset RetryAt, DateTimeOffset GivesUpAt, SiteWaitCause Cause = SiteWaitCause.NotAnswering);

public enum SiteWaitCause
{
    /// <summary>The site stopped answering the loop's reads (down, restarting, behind a 502, rate limiting).</summary>
    NotAnswering,

    /// <summary>Frappe creates a limited number of users a minute (<see cref="UserCreationPace"/>).</summary>
    UserCreationLimit,
}
