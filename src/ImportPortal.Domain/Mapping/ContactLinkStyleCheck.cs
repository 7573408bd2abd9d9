using System.Globalization;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Whether a profile's <see cref="ContactLinkStyle"/> suits the site's Helpdesk: 1.28 and later read membership only from
/// HD Customer's <c>contacts</c> table, 1.27 and earlier only from Contact <c>links</c>.
/// </summary>
public static class ContactLinkStyleCheck
{
    public const string Setting = "contactLinkStyle";

    /// <summary>The first Helpdesk release that keeps an HD Customer's contacts in its own table.</summary>
    public static readonly Version MembersSince = new(1, 28);

    /// <summary>The style the site needs, or null when the version cannot be read.</summary>
    public static ContactLinkStyle? StyleFor(string? helpdeskVersion) =>
        Parse(helpdeskVersion) is { } version ? version >= MembersSince ? ContactLinkStyle.CustomerMembers : ContactLinkStyle.ContactLinks : null;

    /// <summary>A warning when contacts join HD Customers in the style the site does not read; null when they match or nothing is known.</summary>
    public static ProfileProblem? Check(MappingProfile profile, string? helpdeskVersion)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var joins = profile.OrganisationDoctype == "HD Customer" && profile.JoinsContactsToOrganisations;
        if (!joins || StyleFor(helpdeskVersion) is not { } needed || needed == profile.ContactLinkStyle)
        {
            return null;
        }

        return new ProfileProblem(EntityKind.Contact, new FieldProblem(
            Setting, MappingProblemCodes.ContactLinkStyleMismatch, [Setting, helpdeskVersion!, needed.ToString()], MappingSeverity.Warning));
    }

    /// <summary>"1.28.1", "v1.22.2", "1.28.0-develop" → major.minor; null when it has none.</summary>
    private static Version? Parse(string? text)
    {
        var parts = (text ?? "").TrimStart('v', 'V').Split('.', '-', '+');
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? new Version(major, minor) : null;
    }
}
