namespace ImportPortal.Domain.Migration;

/// <summary>Documents found on the site for a claimed batch, by doctype and identity (external id or natural key).</summary>
public sealed class ExistingOnSite
{
    private readonly Dictionary<(string Doctype, string Field), Dictionary<string, string>> _found = [];

    public static ExistingOnSite None { get; } = new();

    public void Add(string doctype, string field, Dictionary<string, string> found) => _found[(doctype, field)] = found;

    public string? Find(string doctype, SiteIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return _found.TryGetValue((doctype, identity.Field), out var values) ? values.GetValueOrDefault(identity.Value) : null;
    }
}
