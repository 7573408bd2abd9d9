using System.Globalization;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>Enabled assignment rules on HD Ticket: they assign imported tickets and notify agents (no import exemption).</summary>
internal sealed class AssignmentRulesCheck : IPreflightCheck
{
    public string Id => PreflightCheckIds.AssignmentRules;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var filters = new JsonArray(new JsonArray("document_type", "=", "HD Ticket"), new JsonArray("disabled", "=", 0));
        var rows = await site.ListAsync("Assignment Rule", new(["name", "document_type", "disabled", "rule"], filters, "name asc", 0, 0), ct);
        var names = PreflightJson.Column(rows, "name");
        var facts = new JsonObject { ["rules"] = new JsonArray(rows.Select(r => PreflightJson.Copy(r)).ToArray()) };
        return names.Count > 0
            ? new(Id, PreflightSeverity.Amber, PreflightKeys.AssignmentRulesEnabled, [names.Count.ToString(CultureInfo.InvariantCulture), PreflightJson.Join(names)], PreflightKeys.AssignmentRulesDisable, facts)
            : new(Id, PreflightSeverity.Green, PreflightKeys.AssignmentRulesNone, [], null, facts);
    }
}
