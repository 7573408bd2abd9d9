using System.Collections.Frozen;

namespace FrappeSimulator.Metadata;

/// <summary>A doctype: its naming rule, default sort and fields (custom fields included).</summary>
public sealed record DocTypeMeta(
    string Name,
    string Module,
    string Autoname,
    string NamingRule,
    string? TitleField,
    string SortField,
    string SortOrder,
    bool IsTable,
    bool IsSingle,
    IReadOnlyList<DocFieldMeta> Fields)
{
    FrozenDictionary<string, DocFieldMeta>? byName;

    FrozenDictionary<string, DocFieldMeta> ByName =>
        byName ??= Fields.Where(f => !f.IsLayout).ToFrozenDictionary(f => f.Fieldname, StringComparer.Ordinal);

    public IEnumerable<DocFieldMeta> DataFields => ByName.Values.Where(f => !f.IsTable);

    public IEnumerable<DocFieldMeta> TableFields => ByName.Values.Where(f => f.IsTable);

    public DocFieldMeta? Field(string fieldname) => ByName.GetValueOrDefault(fieldname);

    public bool HasField(string fieldname) => ByName.ContainsKey(fieldname);

    public bool IsAutoincrement => Autoname == "autoincrement";

    public DocTypeMeta WithCustomField(DocFieldMeta field, string? insertAfter)
    {
        var fields = Fields.Where(f => f.Fieldname != field.Fieldname).ToList();
        var at = insertAfter is null ? -1 : fields.FindIndex(f => f.Fieldname == insertAfter);
        fields.Insert(at < 0 ? fields.Count : at + 1, field);
        // Not "with": that would copy the cached field lookup too.
        return new DocTypeMeta(Name, Module, Autoname, NamingRule, TitleField, SortField, SortOrder, IsTable, IsSingle, fields);
    }
}
