using ImportPortal.Domain.Mapping;
using ImportPortal.Resources;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Mappings;

/// <summary>A row filter as the operator reads it: "only rows where spam is not true / 1 / yes and deleted is not …".</summary>
public static class RowFilterText
{
    public static string Describe(RowFilter filter, IStringLocalizer<MappingResource> texts)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(texts);
        return texts["Editor.Filter", string.Join(texts["Editor.FilterAnd"], filter.Chain().Select(test => Test(test, texts)))];
    }

    private static string Test(RowFilter filter, IStringLocalizer<MappingResource> texts) => (filter.Values is { Count: > 0 }, filter.Negate) switch
    {
        (false, false) => texts["Editor.FilterFilled", filter.Column],
        (false, true) => texts["Editor.FilterEmpty", filter.Column],
        (true, false) => texts["Editor.FilterIs", filter.Column, string.Join(" / ", filter.Values!)],
        (true, true) => texts["Editor.FilterIsNot", filter.Column, string.Join(" / ", filter.Values!)],
    };
}
