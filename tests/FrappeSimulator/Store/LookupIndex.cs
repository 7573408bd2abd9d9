using System.Collections.Concurrent;

namespace FrappeSimulator.Store;

/// <summary>
/// Value → names for the few fields hooks look documents up by (a contact's e-mail, a ticket's communications),
/// so an import stays linear. Written under the table's write lock, read from anywhere.
/// </summary>
sealed class LookupIndex(IReadOnlyList<string> fields)
{
    static readonly Dictionary<string, string[]> FieldsByDoctype = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Contact"] = ["email_id"],
        ["User"] = ["email", "username"],
        ["Communication"] = ["reference_name"],
        ["ToDo"] = ["assignment_rule"],
    };

    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ConcurrentDictionary<string, byte>>> byField = new(StringComparer.Ordinal);

    public static LookupIndex For(string doctype) => new(FieldsByDoctype.GetValueOrDefault(doctype) ?? []);

    public IReadOnlyList<string> Fields => fields;

    public bool Covers(string field) => fields.Contains(field);

    public IEnumerable<string> Names(string field, string value) =>
        byField.TryGetValue(field, out var index) && index.TryGetValue(value, out var names) ? names.Keys : [];

    public void Add(string field, string value, string name) =>
        byField.GetOrAdd(field, _ => new(StringComparer.OrdinalIgnoreCase)).GetOrAdd(value, _ => new(StringComparer.OrdinalIgnoreCase))[name] = 0;

    public void Remove(string field, string value, string name)
    {
        if (byField.TryGetValue(field, out var index) && index.TryGetValue(value, out var names))
        {
            names.TryRemove(name, out _);
        }
    }
}
