using System.Globalization;
using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// The working time of one Helpdesk SLA: its working hours per weekday (<c>support_and_resolution</c>) and the dates of
/// its holiday list. Helpdesk measures a ticket's first response and resolution times in these hours (the time between
/// two moments that falls inside a working day's hours, holidays left out), and so does the run when it writes them back.
/// All times are the site's local times, as Frappe stores them.
/// </summary>
public sealed class SlaCalendar
{
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    private static readonly string[] TimeFormats = [@"h\:mm\:ss", @"hh\:mm\:ss", @"h\:mm\:ss\.FFFFFF", @"hh\:mm\:ss\.FFFFFF", @"h\:mm", @"hh\:mm"];

    private readonly Dictionary<DayOfWeek, (TimeSpan Start, TimeSpan End)> _hours;
    private readonly HashSet<DateOnly> _holidays;

    public SlaCalendar(IReadOnlyDictionary<DayOfWeek, (TimeSpan Start, TimeSpan End)> hours, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        _hours = hours.Where(h => h.Value.End > h.Value.Start).ToDictionary(h => h.Key, h => h.Value);
        _holidays = [.. holidays];
        IsAllHours = _holidays.Count == 0 && _hours.Count == 7 && _hours.Values.All(h => h.Start == TimeSpan.Zero && h.End >= TimeSpan.FromDays(1));
    }

    /// <summary>Every second counts: the measure when the SLA has no working hours, or cannot be read.</summary>
    public static SlaCalendar AllHours { get; } = new(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (TimeSpan.Zero, TimeSpan.FromDays(1))), []);

    /// <summary>Every hour of every day, no holiday: the clock.</summary>
    public bool IsAllHours { get; }

    /// <summary>
    /// The calendar of an <c>HD Service Level Agreement</c> document and its <c>HD Service Holiday List</c> (if any). An
    /// SLA without usable working hours counts every second (Helpdesk could not have measured anything in it either).
    /// </summary>
    public static SlaCalendar From(JsonObject sla, JsonObject? holidayList)
    {
        ArgumentNullException.ThrowIfNull(sla);
        var hours = new Dictionary<DayOfWeek, (TimeSpan, TimeSpan)>();
        foreach (var row in Rows(sla, "support_and_resolution"))
        {
            if (Enum.TryParse<DayOfWeek>(Text(row, "workday"), ignoreCase: true, out var day)
                && TimeOf(Text(row, "start_time")) is { } start && TimeOf(Text(row, "end_time")) is { } end)
            {
                hours[day] = (start, end);
            }
        }

        if (hours.Count == 0)
        {
            return AllHours;
        }

        var holidays = holidayList is null
            ? []
            : Rows(holidayList, "holidays").Select(r => DateTimeOf(Text(r, "holiday_date"))).OfType<DateTime>().Select(DateOnly.FromDateTime);
        return new SlaCalendar(hours, holidays);
    }

    /// <summary>
    /// Whole working seconds from <paramref name="start"/> to <paramref name="end"/>: on each working day that is no
    /// holiday, the part of its working hours that lies between the two. Zero when the end is not after the start.
    /// </summary>
    public long WorkingSeconds(DateTime start, DateTime end)
    {
        if (end <= start)
        {
            return 0;
        }

        if (IsAllHours)
        {
            return (long)(end - start).TotalSeconds;
        }

        var total = TimeSpan.Zero;
        var last = DateOnly.FromDateTime(end);
        for (var day = DateOnly.FromDateTime(start); day <= last; day = day.AddDays(1))
        {
            if (_holidays.Contains(day) || !_hours.TryGetValue(day.DayOfWeek, out var hours))
            {
                continue;
            }

            var from = day == DateOnly.FromDateTime(start) && start.TimeOfDay > hours.Start ? start.TimeOfDay : hours.Start;
            var to = day == last && end.TimeOfDay < hours.End ? end.TimeOfDay : hours.End;
            if (to > from)
            {
                total += to - from;
            }
        }

        return (long)total.TotalSeconds;
    }

    /// <summary>
    /// Whether <paramref name="at"/> lies inside the working hours (from the start of a working day's hours, up to but not
    /// including their end) of a day that is no holiday: Helpdesk's test of whether a ticket was raised outside them.
    /// </summary>
    public bool IsWorkingTime(DateTime at) =>
        IsAllHours
        || (!_holidays.Contains(DateOnly.FromDateTime(at)) && _hours.TryGetValue(at.DayOfWeek, out var hours) && at.TimeOfDay >= hours.Start && at.TimeOfDay < hours.End);

    /// <summary>A Frappe datetime or date as the site wrote it ("2024-05-10 09:30:00", with or without microseconds).</summary>
    public static DateTime? DateTimeOf(string? text) =>
        text is not null && DateTime.TryParseExact(text.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    private static TimeSpan? TimeOf(string? text) =>
        text is not null && TimeSpan.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, out var at) ? at : null;

    private static IEnumerable<JsonObject> Rows(JsonObject doc, string table) =>
        doc[table] is JsonArray rows ? rows.OfType<JsonObject>() : [];

    private static string? Text(JsonObject row, string field) =>
        row[field] is JsonValue v ? v.ToString() : null;
}
