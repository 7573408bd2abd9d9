namespace ImportPortal.Domain.Frappe;

/// <summary>One field of a doctype as the site describes it.</summary>
public sealed record DocFieldMeta(
    string Fieldname,
    string Fieldtype,
    string? Label,
    string? Options,
    bool Required,
    bool Unique,
    int Length,
    bool ReadOnly,
    bool IsCustom)
{
    /// <summary>Frappe's varchar limit for Data-like fields when the doctype does not set a length.</summary>
    public const int DefaultDataLength = 140;

    private static readonly HashSet<string> VarcharTypes = new(StringComparer.Ordinal) { "Data", "Link", "Dynamic Link", "Select", "Password", "Read Only", "Autocomplete", "Color", "Phone" };

    private static readonly HashSet<string> LayoutTypes = new(StringComparer.Ordinal) { "Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading", "Image" };

    /// <summary>The most characters the site stores, or null when the field has no such limit.</summary>
    public int? MaxLength => VarcharTypes.Contains(Fieldtype) ? (Length > 0 ? Length : DefaultDataLength) : null;

    /// <summary>Layout elements carry no data.</summary>
    public bool HoldsData => !LayoutTypes.Contains(Fieldtype);

    /// <summary>Select options, one per line, as the site lists them.</summary>
    public IReadOnlyList<string> SelectOptions =>
        Fieldtype == "Select" && Options is not null
            ? Options.Split('\n', StringSplitOptions.TrimEntries).Where(o => o.Length > 0).ToList()
            : [];
}
