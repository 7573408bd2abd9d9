using System.Text.Json.Serialization;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A mapping profile: everything needed to turn source records into Frappe documents. Plain data that
/// serialises through <see cref="MappingProfileJson"/>; <see cref="ProfileCompiler"/> turns it into a fast mapper.
/// Time zones are IANA names: the zone of times written without an offset in the source, and the site's zone.
/// </summary>
public sealed record MappingProfile(
    string Name,
    IReadOnlyList<EntityMapping> Entities,
    string? Preset = null,
    string OrganisationDoctype = "HD Customer",
    ContactLinkStyle ContactLinkStyle = ContactLinkStyle.ContactLinks,
    NameOrder NameOrder = NameOrder.Vietnamese,
    string SourceTimeZone = "Asia/Ho_Chi_Minh",
    string SiteTimeZone = "UTC",
    bool TruncateToFieldLength = true,
    IReadOnlyList<LookupSpec>? Lookups = null)
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Whether the profile's contacts name an organisation to join (by <c>links</c> rows or as HD Customer members).</summary>
    [JsonIgnore]
    public bool JoinsContactsToOrganisations =>
        Entities.Any(e => e.Entity == EntityKind.Contact && e.Fields.Any(f => f.References == EntityKind.Organisation));

    /// <summary>
    /// The lookups that read a table no upload is bound to (<paramref name="isBound"/> says which are), each with the
    /// fields of the entities on bound tables that go through it: those fields take their lookup's fallback, or report
    /// it missing, until the table is bound too (a messages file previewed without its ticket file).
    /// </summary>
    public IReadOnlyList<(LookupSpec Lookup, IReadOnlyList<(EntityKind Entity, string Target)> Fields)> UnboundLookups(Func<string, bool> isBound)
    {
        ArgumentNullException.ThrowIfNull(isBound);
        return [.. (Lookups ?? [])
            .Where(l => !isBound(l.Table))
            .Select(l => (Lookup: l, Fields: (IReadOnlyList<(EntityKind, string)>)[.. Entities
                .Where(e => isBound(e.Source.Table))
                .SelectMany(e => e.Fields.Prepend(e.Key).Where(f => f.Transforms?.Any(t => t.Kind == TransformKind.Lookup && t.Arg == l.Name) == true)
                    .Select(f => (e.Entity, f.Target)))]))
            .Where(l => l.Fields.Count > 0)];
    }

    /// <summary>The doctype an entity is written to: its own setting, else the default for its kind.</summary>
    public string DoctypeOf(EntityMapping entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.Doctype ?? DefaultDoctype(entity.Entity);
    }

    public string DefaultDoctype(EntityKind kind) => kind switch
    {
        EntityKind.Organisation => OrganisationDoctype,
        EntityKind.Contact => "Contact",
        EntityKind.Ticket => "HD Ticket",
        EntityKind.Reply => "Communication",
        EntityKind.User => "User",
        EntityKind.Agent => "HD Agent",
        EntityKind.TicketType => "HD Ticket Type",
        EntityKind.Team => "HD Team",
        EntityKind.Attachment => "File",
        _ => "HD Ticket Comment",
    };
}
