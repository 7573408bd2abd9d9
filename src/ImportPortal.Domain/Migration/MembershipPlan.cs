using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// While a run is planned with <see cref="ContactLinkStyle.CustomerMembers"/>: which contacts join which organisation.
/// It becomes one membership record per organisation (<see cref="RunStage.Memberships"/>), so no two workers ever
/// write the same organisation's <c>contacts</c> table.
/// </summary>
public sealed class MembershipPlan(string organisationDoctype)
{
    public const string Table = "contacts";

    private readonly Dictionary<string, List<string>> _members = new(StringComparer.Ordinal);
    private readonly HashSet<(string Organisation, string Contact)> _seen = [];

    public int Count => _members.Count;

    /// <summary>Notes the organisations a planned contact joins (its <see cref="MappedEntity.MemberOf"/>).</summary>
    public void Add(MappedEntity contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        foreach (var organisation in contact.MemberOf.Select(m => m.SourceKey).Where(k => k.Length > 0))
        {
            if (contact.SourceKey.Length > 0 && _seen.Add((organisation, contact.SourceKey)))
            {
                (_members.TryGetValue(organisation, out var list) ? list : _members[organisation] = []).Add(contact.SourceKey);
            }
        }
    }

    /// <summary>One entity per organisation: its key, and a <c>contacts</c> row per member contact to resolve through the ledger.</summary>
    public IEnumerable<MappedEntity> Entities() =>
        _members.Select(pair => Membership(organisationDoctype, pair.Key, pair.Value));

    public static MappedEntity Membership(string organisationDoctype, string organisationKey, IReadOnlyList<string> contactKeys)
    {
        ArgumentNullException.ThrowIfNull(contactKeys);
        var rows = new JsonArray([.. contactKeys.Select(_ => (JsonNode)new JsonObject { ["contact_name"] = "", ["is_manager"] = 0 })]);
        var references = contactKeys.Select((key, i) => new EntityReference(EntityKind.Contact, key, $"{Table}.{i}.contact_name")).ToList();
        return new MappedEntity(EntityKind.Organisation, organisationDoctype, organisationKey, new JsonObject { [Table] = rows }, null, null, references, [], [], []);
    }
}
