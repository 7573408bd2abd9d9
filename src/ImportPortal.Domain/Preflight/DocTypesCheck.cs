using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>The doctypes an import writes to exist on the site (ERPNext's Customer only matters for the ERPNext flow).</summary>
internal sealed class DocTypesCheck : IPreflightCheck
{
    public static IReadOnlyList<string> Required { get; } = ["HD Ticket", "HD Customer", "Contact", "Communication", "HD Ticket Comment"];

    public const string ErpnextCustomer = "Customer";

    public string Id => PreflightCheckIds.DocTypes;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var present = new List<string>();
        var missing = new List<string>();
        foreach (var doctype in Required.Append(ErpnextCustomer))
        {
            (await ExistsAsync(site, doctype, ct) ? present : missing).Add(doctype);
        }

        var facts = new JsonObject { ["present"] = PreflightJson.Array(present), ["missing"] = PreflightJson.Array(missing) };
        var missingRequired = missing.Where(d => d != ErpnextCustomer).ToList();
        if (missingRequired.Count > 0)
        {
            return new(Id, PreflightSeverity.Red, PreflightKeys.DocTypesMissing, [PreflightJson.Join(missingRequired)], PreflightKeys.DocTypesInstall, facts);
        }

        return missing.Contains(ErpnextCustomer)
            ? new(Id, PreflightSeverity.Green, PreflightKeys.DocTypesNoErpnext, [PreflightJson.Join(present)], null, facts)
            : new(Id, PreflightSeverity.Green, PreflightKeys.DocTypesAllPresent, [PreflightJson.Join(present)], null, facts);
    }

    private static async Task<bool> ExistsAsync(IFrappeSite site, string doctype, CancellationToken ct)
    {
        try
        {
            await site.GetMetaAsync(doctype, ct);
            return true;
        }
        catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.NotFound)
        {
            return false;
        }
    }
}
