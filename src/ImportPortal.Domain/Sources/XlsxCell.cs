using System.Globalization;

namespace ImportPortal.Domain.Sources;

/// <summary>An Excel cell as text plus its type: dates keep their <see cref="DateTime"/>, numbers their double.</summary>
internal static class XlsxCell
{
    public static SourceValue Read(object? value, CellText cells, long row, string column) => value switch
    {
        null => SourceValue.Null,
        string s => new SourceValue(cells.Clean(s, row, column)),
        DateTime d => new SourceValue(d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), d),
        double n => new SourceValue(Number(n), n),
        bool b => new SourceValue(b ? "true" : "false", b),
        TimeSpan t => new SourceValue(t.ToString("c", CultureInfo.InvariantCulture), t),
        _ => new SourceValue(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    // 12345 not 12345.0; large ids stay whole.
    private static string Number(double n) =>
        Math.Abs(n) < 1e15 && n == Math.Floor(n) ? n.ToString("0", CultureInfo.InvariantCulture) : n.ToString("R", CultureInfo.InvariantCulture);
}
