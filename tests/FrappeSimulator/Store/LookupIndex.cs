using System.Collections.Concurrent;

namespace FrappeSimulator.Store;

/// <summary>
/// Value → names for the fields documents are looked up by: the few that hooks use (a contact's e-mail, a ticket's
/// communications) from the start, and any unique text field a list query filters on (indexed on first use, the way
/// MariaDB keeps a unique index), so an import stays linear. Written under the table's write lock, read from anywhere.
/// </summary>
sealed class LookupIndex
{
    static readonly Dictionary<string, string[]> FieldsByDoctype = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Contact"] = ["email_id"],
        ["User"] = ["email", "username"],
        ["Communication"] = ["reference_name"],
        ["ToDo"] = ["assignment_rule", "reference_name"],
        ["File"] = ["attached_to_name", "content_hash", "file_url"],
    };

    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ConcurrentDictionary<string, byte>>> byField = new(StringComparer.Ordinal);

    LookupIndex(IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            byField[field] = new(StringComparer.OrdinalIgnoreCase);
        }
    }

    public static LookupIndex For(string doctype) => new(FieldsByDoctype.GetValueOrDefault(doctype) ?? []);

    public IEnumerable<string> Fields => byField.Keys;

    public bool Covers(string field) => byField.ContainsKey(field);

    /// <summary>Indexes a field from now on, starting with the rows already there.</summary>
    public void Track(DocTable table, string field)
    {
        lock (table.WriteLock)
        {
            if (Covers(field))
            {
                return;
            }

            var index = new ConcurrentDictionary<string, ConcurrentDictionary<string, byte>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, row) in table.Rows)
            {
                if (JsonDocs.Text(row.Data, field) is { Length: > 0 } value)
                {
                    index.GetOrAdd(value, _ => new(StringComparer.OrdinalIgnoreCase))[name] = 0;
                }
            }

            byField[field] = index;
        }
    }

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
