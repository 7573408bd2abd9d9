using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A column read by position: the ordinal is looked up once per schema, and again only when a growing schema
/// (JSON, XML) may have learnt the column since. Safe to share between threads: the binding is swapped whole.
/// </summary>
internal sealed class ColumnSlot(string name)
{
    private Binding binding = new(null, -1, -1);

    public string Name { get; } = name;

    public SourceValue Read(SourceRecord record) => record.Get(Ordinal(record));

    public bool Exists(SourceRecord record) => Ordinal(record) >= 0;

    private int Ordinal(SourceRecord record)
    {
        var b = binding;
        if (!ReferenceEquals(b.Schema, record.Schema) || (b.Ordinal < 0 && b.Count != record.Schema.Count))
        {
            b = new Binding(record.Schema, record.Schema.IndexOf(Name), record.Schema.Count);
            binding = b;
        }

        return b.Ordinal;
    }

    private sealed record Binding(SourceSchema? Schema, int Ordinal, int Count);
}
