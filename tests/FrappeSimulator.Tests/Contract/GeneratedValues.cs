using System.Globalization;
using System.Text.RegularExpressions;

namespace FrappeSimulator.Tests.Contract;

/// <summary>Recognises values that differ run to run: timestamps of the recording day, random names, uuids.</summary>
public static partial class GeneratedValues
{
    static readonly DateTime RecordingDay = new(2026, 11, 29, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>"now"-like datetimes and dates (the recording day or later) and default opening times with micro-seconds.</summary>
    public static bool IsTimestamp(string value) =>
        (DateTimeShape().IsMatch(value) && DateTime.TryParse(value[..10], CultureInfo.InvariantCulture, out var day) && day >= RecordingDay)
        || TimeWithMicros().IsMatch(value);

    public static bool LooksLikeTimestamp(string value) => DateTimeShape().IsMatch(value) || TimeWithMicros().IsMatch(value) || TimeShape().IsMatch(value);

    /// <summary>Frappe's random names: ten lower-case letters and digits.</summary>
    public static bool IsHashName(string value) => HashName().IsMatch(value);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}:\d{2}(\.\d{1,6})?)?$")]
    private static partial Regex DateTimeShape();

    [GeneratedRegex(@"^\d{1,2}:\d{2}:\d{2}\.\d{6}$")]
    private static partial Regex TimeWithMicros();

    [GeneratedRegex(@"^\d{1,2}:\d{2}:\d{2}(\.\d{1,6})?$")]
    private static partial Regex TimeShape();

    [GeneratedRegex("^[0-9a-z]{10}$")]
    private static partial Regex HashName();
}
