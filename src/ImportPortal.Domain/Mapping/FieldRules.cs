using System.Globalization;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Mapping;

/// <summary>What the site's metadata says about one field, prepared once: options, length, e-mail, link target, JSON type.</summary>
internal sealed class FieldRules
{
    private static readonly HashSet<string> IntegerTypes = new(StringComparer.Ordinal) { "Int", "Check", "Rating" };
    private static readonly HashSet<string> DecimalTypes = new(StringComparer.Ordinal) { "Float", "Currency", "Percent" };

    private readonly Dictionary<string, string>? options;
    private readonly string optionList = "";
    private readonly string fieldtype;
    private readonly bool forceNumber;

    public FieldRules(DocFieldMeta? meta, bool forceNumber)
    {
        this.forceNumber = forceNumber;
        fieldtype = meta?.Fieldtype ?? "";
        Required = meta?.Required ?? false;
        MaxLength = meta?.MaxLength;
        IsEmail = meta is { Fieldtype: "Data", Options: "Email" };
        LinkDoctype = meta is { Fieldtype: "Link", Options: { Length: > 0 } o } && o != "DocType" ? o : null;
        if (meta?.SelectOptions is { Count: > 0 } list)
        {
            options = list.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(o => o, o => o, StringComparer.OrdinalIgnoreCase);
            optionList = string.Join(", ", list);
        }
    }

    public bool Required { get; }

    public int? MaxLength { get; }

    public bool IsEmail { get; }

    public string? LinkDoctype { get; }

    /// <summary>The option as the site spells it, or null when the value is not an option.</summary>
    public string? Option(string value, out string optionsShown)
    {
        optionsShown = optionList;
        return options is null ? value : options.GetValueOrDefault(value);
    }

    public JsonNode Node(string text)
    {
        if (forceNumber || IntegerTypes.Contains(fieldtype))
        {
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            {
                return l is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)l) : JsonValue.Create(l);
            }

            if (fieldtype == "Check" && bool.TryParse(text, out var b))
            {
                return JsonValue.Create(b ? 1 : 0);
            }
        }

        if ((forceNumber || DecimalTypes.Contains(fieldtype)) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }
}
