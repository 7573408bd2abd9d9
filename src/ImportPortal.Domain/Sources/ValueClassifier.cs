using System.Globalization;
using System.Text.RegularExpressions;

namespace ImportPortal.Domain.Sources;

/// <summary>Guesses the type of one non-empty value, cheapest checks first.</summary>
internal static partial class ValueClassifier
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss zzz", "dd/MM/yyyy", "dd/MM/yyyy HH:mm", "dd/MM/yyyy HH:mm:ss",
        "d/M/yyyy", "M/d/yyyy", "M/d/yyyy h:mm tt", "dd-MM-yyyy", "dd.MM.yyyy",
    ];

    public static ColumnType Classify(SourceValue value) => value.Typed switch
    {
        long or int => ColumnType.WholeNumber,
        double or decimal => ColumnType.Number,
        bool => ColumnType.Boolean,
        DateTime or DateTimeOffset or DateOnly => ColumnType.DateTime,
        _ => Classify(value.Text!.Trim()),
    };

    private static ColumnType Classify(string text)
    {
        var first = text[0];
        if (char.IsAsciiDigit(first) || first is '-' or '+' or '(')
        {
            return Numeric(text);
        }

        if (text.Contains('@', StringComparison.Ordinal) && Email().IsMatch(text))
        {
            return ColumnType.Email;
        }

        if (text.Contains('<', StringComparison.Ordinal) && Html().IsMatch(text))
        {
            return ColumnType.Html;
        }

        return text is "true" or "false" or "TRUE" or "FALSE" or "True" or "False" ? ColumnType.Boolean : ColumnType.Text;
    }

    private static ColumnType Numeric(string text)
    {
        // Leading zeros and + are phone numbers ("0912345678", "+84 91 234 5678"), not quantities.
        var looksLikePhone = (text.StartsWith('0') && text.Length >= 9) || text.StartsWith('+') || text.StartsWith('(');
        if (looksLikePhone && Phone().IsMatch(text))
        {
            return ColumnType.Phone;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return ColumnType.WholeNumber;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return ColumnType.Number;
        }

        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _)
            || DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _))
        {
            return ColumnType.DateTime;
        }

        return Phone().IsMatch(text) ? ColumnType.Phone : ColumnType.Text;
    }

    [GeneratedRegex(@"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>", RegexOptions.CultureInvariant)]
    private static partial Regex Html();

    [GeneratedRegex(@"^\+?[\d\s().\-]{7,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
