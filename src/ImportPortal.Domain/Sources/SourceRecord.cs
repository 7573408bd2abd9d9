namespace ImportPortal.Domain.Sources;

/// <summary>
/// One row of a source: where it came from, its values in the order of <see cref="Schema"/>, and named lists of
/// child records (the "notes" of a Freshdesk ticket, the "conversations" of a JSON ticket).
/// </summary>
public sealed class SourceRecord(
    SourceLocator locator,
    SourceSchema schema,
    SourceValue[] values,
    IReadOnlyDictionary<string, IReadOnlyList<SourceRecord>>? children = null)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<SourceRecord>> NoChildren =
        new Dictionary<string, IReadOnlyList<SourceRecord>>(StringComparer.Ordinal);

    public SourceLocator Locator { get; } = locator;

    public SourceSchema Schema { get; } = schema;

    /// <summary>Values by column position; may be shorter than the schema when columns were discovered later.</summary>
    public IReadOnlyList<SourceValue> Values { get; } = values;

    public IReadOnlyDictionary<string, IReadOnlyList<SourceRecord>> Children { get; } = children ?? NoChildren;

    /// <summary>The value of a column by name; <see cref="SourceValue.Null"/> when the column is absent.</summary>
    public SourceValue this[string column] => Get(Schema.IndexOf(column));

    public SourceValue Get(int ordinal) => ordinal >= 0 && ordinal < Values.Count ? Values[ordinal] : SourceValue.Null;

    /// <summary>The child records of a kind ("notes"), or an empty list.</summary>
    public IReadOnlyList<SourceRecord> ChildrenOf(string name) => Children.TryGetValue(name, out var list) ? list : [];
}
