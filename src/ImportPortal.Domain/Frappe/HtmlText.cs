using System.Net;
using System.Text.RegularExpressions;

namespace ImportPortal.Domain.Frappe;

/// <summary>Reduces the little HTML that Frappe puts in messages (<c>&lt;strong&gt;</c>, <c>&lt;br&gt;</c>, entities) to plain text.</summary>
public static partial class HtmlText
{
    public static string ToPlainText(string html)
    {
        var withBreaks = LineBreak().Replace(html, "\n");
        var withoutTags = Tag().Replace(withBreaks, "");
        var decoded = WebUtility.HtmlDecode(withoutTags);
        return Spaces().Replace(decoded, " ").Replace(" \n", "\n", StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex(@"<\s*(br|/p|/li|/div)\s*/?\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex Spaces();
}
