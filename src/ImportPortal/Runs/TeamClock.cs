namespace ImportPortal.Runs;

/// <summary>
/// The support team's wall clock, Asia/Ho_Chi_Minh whatever zone the server runs in: what the pages show, and what a
/// run's send-from moment and sending window are typed on.
/// </summary>
internal static class TeamClock
{
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.TryFindSystemTimeZoneById(ZoneId, out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), ZoneId, ZoneId);
}
