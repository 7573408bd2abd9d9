using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// The lookup tables a profile's <see cref="TransformKind.Lookup"/> steps read, by name (users id → e-mail).
/// The host builds each <see cref="LookupSpec"/> once per run with <see cref="AddAsync"/>; keys are case-insensitive.
/// </summary>
public sealed class MappingLookups
{
    private readonly Dictionary<string, Dictionary<string, string>> tables = new(StringComparer.Ordinal);

    public static MappingLookups None { get; } = new();

    public IReadOnlyDictionary<string, string>? Find(string name) => tables.GetValueOrDefault(name);

    public void Add(string name, IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!tables.TryGetValue(name, out var table))
        {
            tables[name] = table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        foreach (var (key, value) in entries)
        {
            // First row wins, unless it had no value and a later row of the same key has one.
            var trimmed = key.Trim();
            if (!table.TryAdd(trimmed, value) && table[trimmed].Length == 0)
            {
                table[trimmed] = value;
            }
        }
    }

    /// <summary>
    /// Builds every lookup a profile declares; <paramref name="openTable"/> opens a reader over a logical table of
    /// the bound uploads, or returns null when none is bound (its lookups stay empty and report LookupMissing).
    /// </summary>
    public static async Task<MappingLookups> BuildAsync(MappingProfile profile, Func<string, CancellationToken, Task<ISourceReader?>> openTable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(openTable);
        var lookups = new MappingLookups();
        foreach (var spec in profile.Lookups ?? [])
        {
            if (await openTable(spec.Table, ct) is { } reader)
            {
                await lookups.AddAsync(spec, reader, ct);
            }
        }

        return lookups;
    }

    /// <summary>
    /// Reads a whole table for one lookup; rows the filter refuses, or with an empty key, are left out. A row with no
    /// value maps its key to "": the key is known (a customer without an e-mail), so it is no <see cref="MappingProblemCodes.LookupMissing"/>,
    /// which says the export lacks the row. A value column written <c>a|b</c> takes the first of them that is not empty.
    /// </summary>
    public async Task AddAsync(LookupSpec spec, ISourceReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<KeyValuePair<string, string>>();
        var valueColumns = spec.ValueColumn.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        await foreach (var record in reader.ReadAsync(ct))
        {
            if (spec.Filter is { } filter && !filter.AdmitsAll(column => record[column]))
            {
                continue;
            }

            var key = record[spec.KeyColumn];
            if (key.IsEmpty)
            {
                continue;
            }

            if (spec.Value is { } constant)
            {
                entries.Add(new(TextOf.Value(key), constant));
            }
            else
            {
                var value = valueColumns.Select(column => record[column]).FirstOrDefault(v => !v.IsEmpty);
                entries.Add(new(TextOf.Value(key), value.IsEmpty ? "" : TextOf.Value(value).Trim()));
            }
        }

        Add(spec.Name, entries);
    }
}
