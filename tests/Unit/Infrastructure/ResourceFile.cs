using System.Xml.Linq;

namespace ImportPortal.Tests.Unit.Infrastructure;

/// <summary>Reads one of the portal's .resx files from the repository as key → text, for the resource tests.</summary>
internal static class ResourceFile
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "src", "ImportPortal", "Resources");

    public static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
