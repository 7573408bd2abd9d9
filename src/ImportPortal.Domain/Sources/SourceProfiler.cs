namespace ImportPortal.Domain.Sources;

/// <summary>
/// Reads a whole source once and profiles it in bounded memory (a HyperLogLog and a few samples per column,
/// nothing per row). Progress reports the bytes of the upload consumed, about every thousand rows.
/// </summary>
public static class SourceProfiler
{
    public const int MaxSamples = 5;
    public const int MaxSampleChars = 200;

    public static async Task<SourceProfile> ProfileAsync(ISourceReader reader, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var stats = new List<ColumnStats>();
        var children = new Dictionary<string, long>(StringComparer.Ordinal);
        long rows = 0;
        await foreach (var record in reader.ReadAsync(ct))
        {
            rows++;
            while (stats.Count < reader.Columns.Count)
            {
                stats.Add(new ColumnStats(MaxSamples, MaxSampleChars));
            }

            for (var i = 0; i < record.Values.Count; i++)
            {
                stats[i].Add(record.Values[i]);
            }

            foreach (var (name, list) in record.Children)
            {
                children[name] = children.GetValueOrDefault(name) + list.Count;
            }

            if (rows % 1024 == 0)
            {
                progress?.Report(reader.BytesRead);
            }
        }

        progress?.Report(reader.BytesRead);
        var columns = reader.Columns.Names.Select((name, i) => i < stats.Count ? stats[i].ToProfile(name, rows) : new ColumnProfile(name, rows == 0 ? 0 : 1, 0, [], ColumnType.Empty)).ToList();
        return new SourceProfile(rows, columns, children, reader.Problems.Items, reader.Problems.Total);
    }
}
