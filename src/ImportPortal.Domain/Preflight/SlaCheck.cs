using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// An enabled default SLA exists (every ticket save needs one) and lists every priority: a ticket whose priority
/// is missing from the SLA's table is refused ("Please add X priority in Y SLA").
/// </summary>
internal sealed class SlaCheck : IPreflightCheck
{
    public const string SlaDocType = "HD Service Level Agreement";

    public string Id => PreflightCheckIds.Sla;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var filters = new JsonArray(new JsonArray("default_sla", "=", 1), new JsonArray("enabled", "=", 1));
        var defaults = PreflightJson.Column(await site.ListAsync(SlaDocType, FrappeListQuery.AllNames(filters), ct), "name");
        var priorities = PreflightJson.Column(await site.ListAsync("HD Ticket Priority", FrappeListQuery.AllNames(), ct), "name");
        var facts = new JsonObject { ["default_slas"] = PreflightJson.Array(defaults), ["priorities"] = PreflightJson.Array(priorities) };
        var sla = defaults.Count > 0 ? await site.GetAsync(SlaDocType, defaults[0], ct) : null;
        if (sla is null)
        {
            return new(Id, PreflightSeverity.Red, PreflightKeys.SlaNoDefault, [], PreflightKeys.SlaCreateDefault, facts);
        }

        var listed = PreflightJson.Column(PreflightJson.Rows(sla, "priorities"), "priority");
        var missing = priorities.Where(p => !listed.Contains(p, StringComparer.OrdinalIgnoreCase)).ToList();
        facts["sla"] = defaults[0];
        facts["sla_priorities"] = PreflightJson.Array(listed);
        facts["missing"] = PreflightJson.Array(missing);
        return missing.Count > 0
            ? new(Id, PreflightSeverity.Amber, PreflightKeys.SlaMissingPriorities, [defaults[0], PreflightJson.Join(missing)], PreflightKeys.SlaAddPriorities, facts)
            : new(Id, PreflightSeverity.Green, PreflightKeys.SlaCoversAll, [defaults[0], PreflightJson.Join(listed)], null, facts);
    }
}
