using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A custom field made on the site for a source column no field sends (a Freshdesk custom field, its survey results):
/// Helpdesk has no place for such data until the doctype gets a field for it. Frappe keeps a <c>Custom Field</c>'s
/// <c>fieldname</c> as given, and Frappe's own derivation would keep Vietnamese letters in it: the name is made here, from
/// the label folded to ASCII, with Frappe's <c>custom_</c> prefix.
/// </summary>
public static partial class NewCustomField
{
    public const string Doctype = "Custom Field";

    /// <summary>
    /// What a new field can hold: a line, a paragraph, the HTML a message body holds, or a moment or a day (read in the
    /// profile's source zone and written in the site's, as every date of the profile is).
    /// </summary>
    public static IReadOnlyList<string> Fieldtypes { get; } = ["Data", "Small Text", "Text Editor", "Datetime", "Date"];

    // Frappe's Data holds 140 characters; anything longer is text.
    private const int DataLength = 140;

    // Frappe's fieldname column holds 64; "custom_" is part of it.
    private const int MaxFieldname = 64;

    /// <summary>
    /// A label for <paramref name="column"/> as an agent reads it: its last dotted part, without Freshdesk's <c>cf_</c> prefix
    /// and the account number Freshdesk appends to a custom field's name ("custom_field.cf_khu_vuc_123" → "Khu vuc").
    /// </summary>
    public static string LabelFor(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var name = column.Trim();
        name = name[(name.LastIndexOf('.') + 1)..];
        if (name.StartsWith("cf_", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..];
            var digits = name.Length;
            while (digits > 0 && char.IsAsciiDigit(name[digits - 1]))
            {
                digits--;
            }

            if (digits < name.Length && digits > 1 && name[digits - 1] == '_')
            {
                name = name[..(digits - 1)];
            }
        }

        var words = name.Replace('_', ' ').Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var label = string.Join(' ', words);
        return label.Length == 0 ? column.Trim() : char.ToUpperInvariant(label[0]) + label[1..];
    }

    /// <summary>
    /// The field's name for <paramref name="label"/>: <c>custom_</c> and the label in lower-case ASCII letters and digits
    /// joined by underscores, Vietnamese accents and đ folded ("Khu vực" → custom_khu_vuc); null when nothing is left.
    /// </summary>
    public static string? FieldnameFor(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var folded = HeaderMatcher.Fold(label);
        var name = new StringBuilder("custom_");
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(c);
            }
            else if (name[^1] != '_')
            {
                name.Append('_');
            }
        }

        var text = name.ToString().TrimEnd('_');
        return text.Length <= "custom_".Length ? null : text[..Math.Min(text.Length, MaxFieldname)].TrimEnd('_');
    }

    /// <summary>
    /// The field type for values like <paramref name="example"/>: a date and time written year first (as Freshdesk writes
    /// its times: "2024-03-02 17:00:00") is a Datetime, a date so written a Date; a line fits Data, anything longer is
    /// Small Text. A date in a local format ("02/03/2024") stays Data: which is the day and which the month, only the
    /// operator knows.
    /// </summary>
    public static string FieldtypeFor(string? example) => example?.Trim() switch
    {
        { } text when IsoMoment().Match(text) is { Success: true } moment => moment.Groups["time"].Success ? "Datetime" : "Date",
        { } text when text.Length > DataLength || text.Contains('\n', StringComparison.Ordinal) || text.EndsWith('…') => "Small Text",
        _ => "Data",
    };

    /// <summary>How a column is mapped to a new field of <paramref name="fieldtype"/>: dates through the profile's zones, text trimmed.</summary>
    public static IReadOnlyList<TransformStep> TransformsFor(string fieldtype) => fieldtype switch
    {
        "Datetime" => [new TransformStep(TransformKind.DateTime)],
        "Date" => [new TransformStep(TransformKind.Date)],
        _ => [new TransformStep(TransformKind.Trim)],
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?<time>[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoMoment();

    /// <summary>The <c>Custom Field</c> document that adds the field to <paramref name="doctype"/>, after the doctype's last field.</summary>
    public static JsonObject Body(string doctype, string fieldname, string label, string fieldtype)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(doctype);
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldname);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (!Fieldtypes.Contains(fieldtype))
        {
            throw new ArgumentOutOfRangeException(nameof(fieldtype), fieldtype, "Not a type a new field is made with.");
        }

        return new JsonObject { ["dt"] = doctype, ["fieldname"] = fieldname, ["label"] = label, ["fieldtype"] = fieldtype };
    }
}
