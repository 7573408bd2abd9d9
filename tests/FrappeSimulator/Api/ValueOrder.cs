using System.Globalization;

namespace FrappeSimulator.Api;

/// <summary>Compares stored values the way SQL would: numbers as numbers, text case-insensitively.</summary>
sealed class ValueOrder : IComparer<string?>
{
    public static ValueOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return (x is null ? 0 : 1) - (y is null ? 0 : 1);
        }

        if (double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return a.CompareTo(b);
        }

        return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
    }
}
