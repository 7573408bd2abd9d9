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

    /// <summary>
    /// When a run with <paramref name="left"/> of sending still to do ends, sending only in this window, and in how many
    /// windows (the stretch it sends in now counted as one). <paramref name="sendingNow"/>: it sends at this moment,
    /// until the window open now closes, or until <paramref name="sendsUntil"/> when resumed by hand outside it (a resume
    /// by hand without a moment sends until the window next closes). Null when it would take more than a year.
    /// </summary>
    public (DateTimeOffset At, int Windows)? FinishAt(DateTimeOffset now, TimeSpan left, TimeZoneInfo zone, bool sendingNow, DateTimeOffset? sendsUntil = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (IsEmpty)
        {
            return (now + left, 1);
        }

        var (opens, closes) = sendingNow
            ? (now, sendsUntil is { } until && until > now && !Contains(now, zone) ? until : NextClose(now, zone))
            : Stretch(now, zone);
        for (var windows = 1; windows <= 370; windows++)
        {
            if (opens + left <= closes)
            {
                return (opens + left, windows);
            }

            left -= closes - opens;
            (opens, closes) = Stretch(closes, zone);
        }

        return null;
    }

    // The window's stretch from at (or from its next opening) to its close.
    private (DateTimeOffset Opens, DateTimeOffset Closes) Stretch(DateTimeOffset at, TimeZoneInfo zone)
    {
        var opens = Contains(at, zone) ? at : NextOpen(at, zone);
        return (opens, NextClose(opens, zone));
    }

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
