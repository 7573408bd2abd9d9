using System.Globalization;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// The statuses, priorities, types and teams the site has, for mapping. Statuses are HD Ticket Status documents
/// where the ticket's status is a Link (Helpdesk 1.15+), else the Select options of HD Ticket's status field.
/// </summary>
internal sealed class ReferenceDataCheck : IPreflightCheck
{
    public string Id => PreflightCheckIds.ReferenceData;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var (statuses, source) = await StatusesAsync(site, ct);
        var priorities = await NamesAsync(site, "HD Ticket Priority", ct);
        var types = await NamesAsync(site, "HD Ticket Type", ct);
        var teams = await NamesAsync(site, "HD Team", ct);
        var facts = new JsonObject
        {
            ["statuses"] = PreflightJson.Array(statuses),
            ["status_source"] = source,
            ["priorities"] = PreflightJson.Array(priorities),
            ["types"] = PreflightJson.Array(types),
            ["teams"] = PreflightJson.Array(teams),
        };
        string[] args = [Count(statuses), Count(priorities), Count(types), Count(teams)];
        return new(Id, PreflightSeverity.Green, PreflightKeys.ReferenceDataFound, args, null, facts);
    }

    private static async Task<(List<string> Statuses, string Source)> StatusesAsync(IFrappeSite site, CancellationToken ct)
    {
        var ticket = await site.GetMetaAsync("HD Ticket", ct);
        if (ticket.Field("status") is { Fieldtype: "Select" } select)
        {
            return (select.SelectOptions.ToList(), "HD Ticket.status options");
        }

        return (await NamesAsync(site, "HD Ticket Status", ct), "HD Ticket Status");
    }

    private static async Task<List<string>> NamesAsync(IFrappeSite site, string doctype, CancellationToken ct) =>
        PreflightJson.Column(await site.ListAsync(doctype, FrappeListQuery.AllNames(), ct), "name");

    private static string Count(List<string> values) => values.Count.ToString(CultureInfo.InvariantCulture);
}
