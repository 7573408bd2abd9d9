namespace ImportPortal.Domain.Sources;

/// <summary>Puts the cells and child records a nested-format builder (JSON, XML) collected into one record.</summary>
internal static class RecordAssembly
{
    public static SourceRecord Build(SourceLocator locator, SourceSchema schema, List<(int Index, SourceValue Value)> cells, Dictionary<string, List<SourceRecord>> children)
    {
        var values = new SourceValue[schema.Count];
        foreach (var (index, value) in cells)
        {
            values[index] = value;
        }

        return new SourceRecord(locator, schema, values, children.Count == 0 ? null : children.ToDictionary(c => c.Key, c => (IReadOnlyList<SourceRecord>)c.Value, StringComparer.Ordinal));
    }
}
