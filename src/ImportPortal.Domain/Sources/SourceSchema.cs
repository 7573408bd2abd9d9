namespace ImportPortal.Domain.Sources;

/// <summary>
/// The ordered column names shared by the records of one reader, so a record is an array of values and not a
/// dictionary. CSV and XLSX know every column after the header; JSON and XML learn columns as they meet them,
/// so the schema only grows and records read earlier simply have fewer values.
/// </summary>
public sealed class SourceSchema
{
    private readonly List<string> names = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    public SourceSchema()
    {
    }

    public SourceSchema(IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            GetOrAdd(column);
        }
    }

    public IReadOnlyList<string> Names => names;

    public int Count => names.Count;

    /// <summary>The position of a column, or -1 when this source has no such column.</summary>
    public int IndexOf(string column) => index.TryGetValue(column, out var i) ? i : -1;

    internal int GetOrAdd(string column)
    {
        if (index.TryGetValue(column, out var i))
        {
            return i;
        }

        names.Add(column);
        index[column] = names.Count - 1;
        return names.Count - 1;
    }
}
