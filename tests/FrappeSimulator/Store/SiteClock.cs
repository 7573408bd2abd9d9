namespace FrappeSimulator.Store;

/// <summary>"Now" in the site's time zone, the way Frappe writes timestamps (no offset).</summary>
public sealed class SiteClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public DateTime Now() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime;

    public string NowText() => FrappeFormat.Datetime(Now());

    public string Today() => FrappeFormat.Date(Now());
}
