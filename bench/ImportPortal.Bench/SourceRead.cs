using ImportPortal.Domain.Sources;

namespace ImportPortal.Bench;

/// <summary>
/// What the import does with an upload, end to end: sniff the first bytes, open the reader for that format, and
/// enumerate every record, touching every value and every child record's values.
/// </summary>
internal static class SourceRead
{
    public static async Task<(long Records, long Children, long Chars)> ReadAllAsync(string path, string? table, CancellationToken ct)
    {
        SourceFormat format;
        await using (var stream = File.OpenRead(path))
        {
            format = await SourceSniffer.SniffAsync(stream, Path.GetFileName(path), null, ct);
        }

        var reader = await SourceReaderFactory.OpenAsync(format, path, new SourceReadOptions(Table: table), ct);
        long records = 0, children = 0, chars = 0;
        await foreach (var record in reader.ReadAsync(ct))
        {
            records++;
            chars += Touch(record);
            foreach (var list in record.Children.Values)
            {
                children += list.Count;
                foreach (var child in list)
                {
                    chars += Touch(child);
                }
            }
        }

        return (records, children, chars);
    }

    private static long Touch(SourceRecord record)
    {
        long chars = 0;
        for (var i = 0; i < record.Values.Count; i++)
        {
            var value = record.Values[i];
            chars += value.Text?.Length ?? (value.Typed is null ? 0 : 1);
        }

        return chars;
    }
}
