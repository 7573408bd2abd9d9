using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>Who the API key signs in as, and whether that user may do what an import does.</summary>
internal sealed class UserCheck : IPreflightCheck
{
    public const string SystemManager = "System Manager";

    public string Id => PreflightCheckIds.User;

    public async Task<PreflightLine> RunAsync(IFrappeSite site, CancellationToken ct)
    {
        // A refusal here means the key is wrong: the inspector reports it and skips the rest.
        var user = await site.GetLoggedUserAsync(ct);
        var facts = new JsonObject { ["user"] = user };
        if (user == "Administrator")
        {
            return new(Id, PreflightSeverity.Green, PreflightKeys.UserAdministrator, [user], null, facts);
        }

        var roles = await ReadRolesAsync(site, user, ct);
        if (roles is null)
        {
            return new(Id, PreflightSeverity.Amber, PreflightKeys.UserRolesUnreadable, [user], PreflightKeys.UserGiveRoles, facts);
        }

        facts["roles"] = PreflightJson.Array(roles);
        var args = new[] { user, PreflightJson.Join(roles) };
        return roles.Contains(SystemManager)
            ? new(Id, PreflightSeverity.Green, PreflightKeys.UserSystemManager, args, null, facts)
            : new(Id, PreflightSeverity.Amber, PreflightKeys.UserMissingRoles, args, PreflightKeys.UserGiveRoles, facts);
    }

    private static async Task<List<string>?> ReadRolesAsync(IFrappeSite site, string user, CancellationToken ct)
    {
        try
        {
            var doc = await site.GetAsync("User", user, ct);
            return doc is null ? null : PreflightJson.Column(PreflightJson.Rows(doc, "roles"), "role");
        }
        catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.AuthOrPermission)
        {
            // Signed in, but not allowed to read its own User document: the roles stay unknown.
            return null;
        }
    }
}
