using System.Globalization;

namespace ImportPortal.Components.Shared;

/// <summary>Times as the operators read them: in Asia/Ho_Chi_Minh, whatever zone the server runs in.</summary>
internal static class DisplayTime
{
    public const string ZoneId = Runs.TeamClock.ZoneId;

    private static TimeZoneInfo Zone => Runs.TeamClock.Zone;

    public static DateTimeOffset InZone(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>A wall-clock time in the zone (what the operator typed) as the moment it is.</summary>
    public static DateTimeOffset FromZone(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    public static string Format(DateTimeOffset at) => InZone(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset? at) => at is { } value ? Format(value) : "";

    public static string FormatSeconds(DateTimeOffset at) => InZone(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A duration as h:mm:ss (or m:ss under an hour).</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
}
