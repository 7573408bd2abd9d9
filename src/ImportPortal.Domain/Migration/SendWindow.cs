namespace ImportPortal.Domain.Migration;

/// <summary>
/// The hours of each day a run may send in, on the wall clock of a time zone (a migration that works while the support
/// team sleeps: 22:00 to 06:00 crosses midnight). Outside them the run waits, paused, with its site put back.
/// </summary>
public sealed record SendWindow(TimeOnly From, TimeOnly Until)
{
    /// <summary>A window of no length (from and until the same) is none at all.</summary>
    public bool IsEmpty => From == Until;

    public bool Contains(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var time = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return From < Until ? time >= From && time < Until : time >= From || time < Until;
    }

    /// <summary>When the window next opens after <paramref name="at"/> (the next day's opening when it is open now).</summary>
    public DateTimeOffset NextOpen(DateTimeOffset at, TimeZoneInfo zone) => Next(at, zone, From);

    /// <summary>When the window next closes after <paramref name="at"/>: the end of the window open now, or of the next one.</summary>
    public DateTimeOffset NextClose(DateTimeOffset at, TimeZoneInfo zone) => Next(at, zone, Until);

    private static DateTimeOffset Next(DateTimeOffset at, TimeZoneInfo zone, TimeOnly clock)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        for (var day = 0; day <= 2; day++)
        {
            var wall = local.Date.AddDays(day) + clock.ToTimeSpan();
            // A wall-clock time a zone skips (a change to summer time) is taken an hour on; Vietnam has none.
            var candidate = zone.IsInvalidTime(wall) ? wall.AddHours(1) : wall;
            var moment = new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
            if (moment > at)
            {
                return moment;
            }
        }

        throw new InvalidOperationException("no such time in the next two days");
    }
}
