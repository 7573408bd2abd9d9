using System.Globalization;

namespace FrappeSimulator.Store;

/// <summary>Frappe's text forms of dates and times: micro-seconds only when non-zero, no offset.</summary>
public static class FrappeFormat
{
    static readonly string[] DatetimeInputs =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd H:mm:ss", "yyyy-MM-dd",
    ];

    public static string Datetime(DateTime value) =>
        value.ToString(MicroSeconds(value) == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static string Date(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Time fields come back from MariaDB as a timedelta: "9:00:00", not "09:00:00".</summary>
    public static string TimeOfDay(TimeSpan value)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}:{value.Minutes:00}:{value.Seconds:00}");
        var micro = value.Ticks % TimeSpan.TicksPerSecond / 10;
        return micro == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}.{micro:000000}");
    }

    public static string TimeNow(DateTime now) =>
        now.ToString(MicroSeconds(now) == 0 ? "HH:mm:ss" : "HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static bool TryParseDatetime(string text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), DatetimeInputs, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static bool TryParseTime(string text, out TimeSpan value) =>
        TimeSpan.TryParseExact(text.Trim(), [@"h\:mm\:ss\.FFFFFF", @"h\:mm\:ss", @"h\:mm"], CultureInfo.InvariantCulture, out value);

    static long MicroSeconds(DateTime value) => value.Ticks % TimeSpan.TicksPerSecond / 10;
}
