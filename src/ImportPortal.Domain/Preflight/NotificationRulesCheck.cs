using System.Globalization;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>Enabled Frappe Notification rules on HD Ticket or Communication: they may e-mail for every imported record.</summary>
internal sealed class NotificationRulesCheck : IPreflightCheck
{
    public string Id => PreflightCheckIds.NotificationRules;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var filters = new JsonArray(
            new JsonArray("enabled", "=", 1),
            new JsonArray("document_type", "in", new JsonArray("HD Ticket", "Communication")));
        var fields = new[] { "name", "document_type", "event", "channel" };
        var rows = await site.ListAsync("Notification", new(fields, filters, "name asc", 0, 0), ct);
        var names = PreflightJson.Column(rows, "name");
        var facts = new JsonObject { ["rules"] = new JsonArray(rows.Select(r => PreflightJson.Copy(r)).ToArray()) };
        return names.Count > 0
            ? new(Id, PreflightSeverity.Amber, PreflightKeys.NotificationRulesEnabled, [names.Count.ToString(CultureInfo.InvariantCulture), PreflightJson.Join(names)], PreflightKeys.NotificationRulesDisable, facts)
            : new(Id, PreflightSeverity.Green, PreflightKeys.NotificationRulesNone, [], null, facts);
    }
}
