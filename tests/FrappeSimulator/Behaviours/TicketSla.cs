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

    static double Seconds(System.Text.Json.Nodes.JsonObject? row, string field, double fallback) =>
        row is not null && double.TryParse(JsonDocs.Text(row, field), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : fallback;
}
