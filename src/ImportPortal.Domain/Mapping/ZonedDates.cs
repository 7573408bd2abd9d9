using System.Globalization;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Reads source times and writes them the way Frappe stores them. A time with an offset or <c>Z</c> keeps its
/// instant; one without (Freshdesk CSV "2024-01-15 10:00:00", XLSX dates) is local time in the source zone.
/// Output is the site's local time: <c>YYYY-MM-DD HH:MM:SS</c>, <c>YYYY-MM-DD</c> or <c>HH:MM:SS</c>.
/// A local time skipped by a DST change is read with the offset before the change; an ambiguous one as standard time.
/// </summary>
public static class ZonedDates
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd",
    ];

    public static TimeZoneInfo? FindZone(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>Reads a source value; <paramref name="format"/> is an extra .NET pattern for local times (<c>dd/MM/yyyy HH:mm</c>).</summary>
    public static bool TryRead(SourceValue value, TimeZoneInfo sourceZone, string? format, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(sourceZone);
        switch (value.Typed)
        {
            case DateTimeOffset typed:
                instant = typed;
                return true;
            case DateTime typed:
                instant = typed.Kind == DateTimeKind.Utc ? new DateTimeOffset(typed) : InZone(typed, sourceZone);
                return true;
        }

        return TryParse(value.Text, sourceZone, format, out instant);
    }

    public static bool TryParse(string? text, TimeZoneInfo sourceZone, string? format, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(sourceZone);
        instant = default;
        var s = text.AsSpan().Trim();
        if (s.Length < 8)
        {
            return false;
        }

        if (TimeText.HasOffset(s))
        {
            return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out instant);
        }

        if (TryParseCommon(s, out var local)
            || (format is not null && DateTime.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out local))
            || DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out local))
        {
            instant = InZone(local, sourceZone);
            return true;
        }

        return false;
    }

    public static string Format(DateTimeOffset instant, TimeZoneInfo siteZone, TransformKind kind)
    {
        ArgumentNullException.ThrowIfNull(siteZone);
        var local = TimeZoneInfo.ConvertTime(instant, siteZone).DateTime;
        return kind switch
        {
            TransformKind.Date => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TransformKind.Time => local.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            _ => local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        };
    }

    private static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(unspecified) ? zone.GetUtcOffset(unspecified.AddHours(-1)) : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }

    // The Freshdesk export's own shape, read by hand: it is most of what a ticket run parses.
    private static bool TryParseCommon(ReadOnlySpan<char> s, out DateTime local)
    {
        local = default;
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var y) || !TryDigits(s[5..7], out var mo) || !TryDigits(s[8..10], out var d)
            || !TryDigits(s[11..13], out var h) || !TryDigits(s[14..16], out var mi) || !TryDigits(s[17..19], out var sec))
        {
            return false;
        }

        if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y < 1 ? 1 : y, mo) || h > 23 || mi > 59 || sec > 59 || y < 1)
        {
            return false;
        }

        local = new DateTime(y, mo, d, h, mi, sec, DateTimeKind.Unspecified);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
