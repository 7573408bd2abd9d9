using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Uploads;

/// <summary>The first rows of an upload's table, as plain text safe to show: HTML reduced to text, long cells shortened.</summary>
public sealed record UploadPreview(IReadOnlyList<string> Columns, IReadOnlyList<UploadPreviewRow> Rows)
{
    public const int MaxCellChars = 300;

    public static async Task<UploadPreview> ReadAsync(UploadStore store, Upload upload, string? table, int maxRows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(upload);
        var format = await store.SniffAsync(upload, ct);

        if (format.Error is not null)
        {
            return new UploadPreview([], []);
        }

        var reader = await SourceReaderFactory.OpenAsync(format, store.PathOf(upload), new SourceReadOptions(Table: table), ct);
        var rows = new List<UploadPreviewRow>(maxRows);
        await foreach (var record in reader.ReadAsync(ct))
        {
            rows.Add(new UploadPreviewRow(record.Locator.Row, record.Values.Select(Show).ToList(), record.Children.Sum(c => c.Value.Count)));
            if (rows.Count >= maxRows)
            {
                break;
            }
        }

        return new UploadPreview(reader.Columns.Names.ToList(), rows);
    }

    private static string Show(SourceValue value)
    {
        var text = value.Typed is DateTime date ? date.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : value.Text ?? "";
        if (text.Contains('<', StringComparison.Ordinal) && text.Contains('>', StringComparison.Ordinal))
        {
            text = HtmlText.ToPlainText(text);
        }

        return text.Length > MaxCellChars ? text[..MaxCellChars] + "…" : text;
    }
}

/// <summary>One previewed row: its row number in the file, its cells as text, and how many child records (notes) it has.</summary>
public sealed record UploadPreviewRow(long Row, IReadOnlyList<string> Cells, int Children);
