using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>The default SLA: which priorities it covers and rough response/resolution deadlines.</summary>
static class TicketSla
{
    public const string DefaultSla = "Default";

    public static IReadOnlyList<string> Priorities(SimulatedSite site) =>
        JsonDocs.Rows(site.Find("HD Service Level Agreement", DefaultSla) ?? [], "priorities")
            .Select(r => JsonDocs.Text(r, "priority") ?? "")
            .ToList();

    public static string DefaultPriority(SimulatedSite site) =>
        JsonDocs.Text(site.Find("HD Service Level Agreement", DefaultSla) ?? [], "default_priority") ?? "Medium";

    /// <summary>Deadlines from the SLA's priority row (seconds), on the calendar rather than in working hours.</summary>
    public static (DateTime ResponseBy, DateTime ResolutionBy) Deadlines(SimulatedSite site, string? priority, DateTime start)
    {
        var row = JsonDocs.Rows(site.Find("HD Service Level Agreement", DefaultSla) ?? [], "priorities")
            .FirstOrDefault(r => JsonDocs.Text(r, "priority") == priority);
        var response = Seconds(row, "response_time", 86400);
        var resolution = Seconds(row, "resolution_time", 3 * 86400);
        return (start.AddSeconds(response), start.AddSeconds(resolution));
    }

    /// <summary>The default SLA works Monday to Friday, 10:00 to 18:00 site time.</summary>
    public static bool IsOutsideWorkingHours(DateTime now) =>
        now.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || now.Hour < 10 || now.Hour >= 18;

    /// <summary>
    /// Working seconds of the SLA from <paramref name="start"/> to <paramref name="end"/>, as Helpdesk measures a ticket's
    /// first response and resolution times: the part of each working day's hours (support_and_resolution) between the two,
    /// holidays of its holiday list left out. An SLA without working hours counts nothing.
    /// </summary>
    public static double WorkingSeconds(SimulatedSite site, string? sla, DateTime start, DateTime end)
    {
        var doc = site.Find("HD Service Level Agreement", sla ?? DefaultSla);
        if (doc is null || end <= start)
        {
            return 0;
        }

        var hours = new Dictionary<DayOfWeek, (TimeSpan Open, TimeSpan Close)>();
        foreach (var row in JsonDocs.Rows(doc, "support_and_resolution"))
        {
            if (Enum.TryParse<DayOfWeek>(JsonDocs.Text(row, "workday"), out var day)
                && TimeSpan.TryParse(JsonDocs.Text(row, "start_time"), System.Globalization.CultureInfo.InvariantCulture, out var open)
                && TimeSpan.TryParse(JsonDocs.Text(row, "end_time"), System.Globalization.CultureInfo.InvariantCulture, out var close))
            {
                hours[day] = (open, close);
            }
        }

        var holidays = JsonDocs.Text(doc, "holiday_list") is { Length: > 0 } list && site.Find("HD Service Holiday List", list) is { } holidayList
            ? JsonDocs.Rows(holidayList, "holidays").Select(r => JsonDocs.Text(r, "holiday_date")).OfType<string>().ToHashSet()
            : [];
        double total = 0;
        for (var date = start.Date; date <= end.Date; date = date.AddDays(1))
        {
            if (holidays.Contains(FrappeFormat.Date(date)) || !hours.TryGetValue(date.DayOfWeek, out var h))
            {
                continue;
            }

            var from = date == start.Date ? TimeSpan.FromTicks(Math.Max(start.TimeOfDay.Ticks, h.Open.Ticks)) : h.Open;
            var to = date == end.Date ? TimeSpan.FromTicks(Math.Min(end.TimeOfDay.Ticks, h.Close.Ticks)) : h.Close;
            total += Math.Max(0, (to - from).TotalSeconds);
        }

        return total;
    }

    static double Seconds(System.Text.Json.Nodes.JsonObject? row, string field, double fallback) =>
        row is not null && double.TryParse(JsonDocs.Text(row, field), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : fallback;
}
