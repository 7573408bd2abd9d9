using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A column of a table (or of its child records) whose values no field of the profile sends, across a whole source:
/// how many records have a value in it, a few of their rows (the row of the record they belong to) and one value as
/// an example. What the export holds there stays behind unless a field is mapped to it.
/// </summary>
public sealed record UnsentColumnTally(string Table, string? Child, string Column, long Count, IReadOnlyList<long> Rows, string Example);

/// <summary>
/// Counts the values of the columns no entity reads, per table and child path, with a few example rows each. Only
/// records some entity reads are looked at: a table or child list the profile leaves alone is not its data to send.
/// Memory is bounded by the number of distinct columns.
/// </summary>
public sealed class UnsentColumns(CompiledProfile profile, int examplesPerColumn = 5)
{
    private const int ExampleLength = 80;

    private readonly Dictionary<(string Table, string? Child), IReadOnlySet<string>?> _read = [];
    private readonly Dictionary<(string Table, string? Child, string Column), Tally> _tallies = [];

    /// <summary>One record of <paramref name="table"/> (row <paramref name="row"/>), with its child records.</summary>
    public void Add(string table, long row, SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Visit(table, null, row, record);
    }

    public IReadOnlyList<UnsentColumnTally> Tallies() =>
    [
        .. _tallies.OrderBy(t => t.Key.Table, StringComparer.Ordinal).ThenBy(t => t.Key.Child ?? "", StringComparer.Ordinal).ThenByDescending(t => t.Value.Count)
            .ThenBy(t => t.Key.Column, StringComparer.Ordinal)
            .Select(t => new UnsentColumnTally(t.Key.Table, t.Key.Child, t.Key.Column, t.Value.Count, [.. t.Value.Rows], t.Value.Example)),
    ];

    private void Visit(string table, string? child, long row, SourceRecord record)
    {
        if (!_read.TryGetValue((table, child), out var read))
        {
            _read[(table, child)] = read = profile.ColumnsRead(table, child);
        }

        if (read is null)
        {
            return;
        }

        var names = record.Schema.Names;
        for (var i = 0; i < record.Values.Count && i < names.Count; i++)
        {
            var value = record.Values[i];
            if (value.IsEmpty || read.Contains(names[i]))
            {
                continue;
            }

            if (!_tallies.TryGetValue((table, child, names[i]), out var tally))
            {
                var text = value.ToString().Trim();
                _tallies[(table, child, names[i])] = tally = new Tally(text.Length > ExampleLength ? text[..ExampleLength] + "…" : text);
            }

            tally.Count++;
            if (tally.Rows.Count < examplesPerColumn && (tally.Rows.Count == 0 || tally.Rows[^1] != row))
            {
                tally.Rows.Add(row);
            }
        }

        foreach (var (name, records) in record.Children)
        {
            var path = child is null ? name : $"{child}/{name}";
            foreach (var each in records)
            {
                Visit(table, path, row, each);
            }
        }
    }

    private sealed class Tally(string example)
    {
        public long Count { get; set; }

        public List<long> Rows { get; } = [];

        public string Example { get; } = example;
    }
}
