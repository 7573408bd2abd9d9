using FrappeSimulator.Hosting;
using FrappeSimulator.Store;

namespace FrappeSimulator.Behaviours;

/// <summary>Status categories and SLA agreement status of HD Ticket.</summary>
static class TicketStatus
{
    /// <summary>Helpdesk 1.4 has no status doctype; its Select values map to these categories.</summary>
    static readonly Dictionary<string, string> LegacyCategories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Open"] = "Open",
        ["Replied"] = "Paused",
        ["Resolved"] = "Resolved",
        ["Closed"] = "Resolved",
    };

    public static string? Category(SimulatedSite site, string? status) => status switch
    {
        null or "" => null,
        _ when site.IsModern => JsonDocs.Text(site.Find("HD Ticket Status", status) ?? [], "category"),
        _ => LegacyCategories.GetValueOrDefault(status),
    };

    public static bool IsResolved(SimulatedSite site, string? status) => Category(site, status) == "Resolved";

    public static string DefaultStatus(SimulatedSite site) => JsonDocs.Text(site.Settings, "default_ticket_status") ?? "Open";

    public static string ReopenStatus(SimulatedSite site) => JsonDocs.Text(site.Settings, "ticket_reopen_status") ?? DefaultStatus(site);

    /// <summary>Matches the recordings: due until first response, then resolution; fulfilled once resolved and answered.</summary>
    public static string AgreementStatus(SimulatedSite site, string? status, bool responded) => (responded, IsResolved(site, status)) switch
    {
        (false, _) => "First Response Due",
        (true, true) => "Fulfilled",
        (true, false) => "Resolution Due",
    };
}
