using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ImportPortal.Tests.Unit.Infrastructure;

/// <summary>Reads one of the portal's .resx files from the repository as key → text, for the resource tests.</summary>
internal static partial class ResourceFile
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "src", "ImportPortal", "Resources");

    public static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    /// <summary>The format placeholders of a text (<c>{0}</c>, <c>{1}</c>…), sorted, each as often as it appears.</summary>
    public static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
