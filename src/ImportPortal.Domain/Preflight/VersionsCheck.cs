using System.Globalization;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>Frappe, Helpdesk and (when present) ERPNext versions.</summary>
internal sealed class VersionsCheck : IPreflightCheck
{
    /// <summary>The oldest Frappe major version the importer was measured against.</summary>
    public const int MinimumFrappeMajor = 15;

    public string Id => PreflightCheckIds.Versions;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        var apps = await site.GetVersionsAsync(ct);
        var facts = new JsonObject
        {
            ["apps"] = new JsonArray(apps.Select(a => (JsonNode?)new JsonObject { ["app"] = a.App, ["title"] = a.Title, ["version"] = a.Version }).ToArray()),
        };
        var frappe = VersionOf(apps, "frappe") ?? "?";
        var helpdesk = VersionOf(apps, "helpdesk");
        var erpnext = VersionOf(apps, "erpnext");
        if (helpdesk is null)
        {
            return new(Id, PreflightSeverity.Red, PreflightKeys.VersionsNoHelpdesk, [frappe], PreflightKeys.VersionsInstallHelpdesk, facts);
        }

        if (Major(frappe) is not { } major || major < MinimumFrappeMajor)
        {
            return new(Id, PreflightSeverity.Amber, PreflightKeys.VersionsOldFrappe, [frappe, helpdesk], PreflightKeys.VersionsUpgrade, facts);
        }

        return erpnext is null
            ? new(Id, PreflightSeverity.Green, PreflightKeys.VersionsFound, [frappe, helpdesk], null, facts)
            : new(Id, PreflightSeverity.Green, PreflightKeys.VersionsFoundWithErpnext, [frappe, helpdesk, erpnext], null, facts);
    }

    private static string? VersionOf(IReadOnlyList<AppVersion> apps, string app) =>
        apps.FirstOrDefault(a => string.Equals(a.App, app, StringComparison.OrdinalIgnoreCase))?.Version;

    /// <summary>The major version of "15.55.1", "v15.2.0" or "15.x.x-develop"; null when it has none.</summary>
    internal static int? Major(string version)
    {
        var digits = new string(version.TrimStart('v', 'V').TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;
    }
}
