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

    /// <summary>A moment as the team reads it, with its zone: "2026-12-02 22:00 (Asia/Ho_Chi_Minh)" (the audit's details).</summary>
    public static string Stamp(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" ({ZoneId})";
}
