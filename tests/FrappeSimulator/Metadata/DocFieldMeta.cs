namespace FrappeSimulator.Metadata;

/// <summary>One field of a doctype, as far as validation and serialisation need it.</summary>
public sealed record DocFieldMeta(
    string Fieldname,
    string Fieldtype,
    string? Label,
    string? Options,
    bool Reqd,
    bool Unique,
    int Length,
    string? Default,
    string? FetchFrom,
    bool IsCustom = false)
{
    static readonly HashSet<string> LayoutTypes = ["Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading"];
    static readonly HashSet<string> ZeroWhenEmptyTypes = ["Check", "Int", "Rating", "Float", "Currency", "Percent"];
    static readonly HashSet<string> VarcharTypes = ["Data", "Link", "Dynamic Link", "Select", "Read Only", "Attach", "Attach Image", "Password", "Phone"];

    public bool IsLayout => LayoutTypes.Contains(Fieldtype);

    /// <summary>Stored as a varchar column: compared as text, indexable.</summary>
    public bool IsVarchar => VarcharTypes.Contains(Fieldtype);

    public bool IsTable => Fieldtype is "Table" or "Table MultiSelect";

    public bool IsLink => Fieldtype == "Link";

    public bool IsDynamicLink => Fieldtype == "Dynamic Link";

    /// <summary>Numbers and checks are stored as 0 rather than null, as Frappe's columns are NOT NULL DEFAULT 0.</summary>
    public bool IsZeroWhenEmpty => ZeroWhenEmptyTypes.Contains(Fieldtype);

    /// <summary>varchar(140) unless the field says otherwise; null when the column is a text type.</summary>
    public int? MaxLength => VarcharTypes.Contains(Fieldtype) ? (Length > 0 ? Length : 140) : null;

    public string DisplayLabel => string.IsNullOrEmpty(Label) ? Fieldname : Label;

    public IReadOnlyList<string> SelectOptions =>
        Fieldtype == "Select" && Options is not null ? Options.Split('\n') : [];
}
