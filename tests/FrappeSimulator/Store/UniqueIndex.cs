namespace FrappeSimulator.Store;

/// <summary>Value → document name for the unique fields of one doctype; only used under the table's write lock.</summary>
sealed class UniqueIndex
{
    readonly Dictionary<string, Dictionary<string, string>> byField = new(StringComparer.Ordinal);

    public string? Owner(DocTable table, string field, string value) =>
        For(table, field).GetValueOrDefault(value);

    public void Add(DocTable table, string field, string value, string name) => For(table, field)[value] = name;

    public void Remove(string field, string value, string name)
    {
        if (byField.TryGetValue(field, out var index) && index.TryGetValue(value, out var owner) && owner == name)
        {
            index.Remove(value);
        }
    }

    /// <summary>Built on first use, so a unique custom field added later indexes the rows already there.</summary>
    Dictionary<string, string> For(DocTable table, string field)
    {
        if (!byField.TryGetValue(field, out var index))
        {
            index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, row) in table.Rows)
            {
                if (JsonDocs.Text(row.Data, field) is { Length: > 0 } value)
                {
                    index[value] = name;
                }
            }

            byField[field] = index;
        }

        return index;
    }
}
