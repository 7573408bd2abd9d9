using System.Text.RegularExpressions;
using ImportPortal.Domain.Mapping;
using ImportPortal.Mappings;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>Every text the mapping editor shows exists in English and in Vietnamese, and the Vietnamese is a translation.</summary>
public sealed partial class EditorTextTests
{
    internal const string Prefix = "Editor.";

    private static readonly Dictionary<string, string> English = Editor("MappingResource.resx");
    private static readonly Dictionary<string, string> Vietnamese = Editor("MappingResource.vi.resx");

    [Fact]
    public void Both_languages_have_the_same_editor_keys_with_text()
    {
        Assert.NotEmpty(English);
        Assert.Empty(English.Keys.Except(Vietnamese.Keys));
        Assert.Empty(Vietnamese.Keys.Except(English.Keys));
        Assert.DoesNotContain(English.Concat(Vietnamese), t => string.IsNullOrWhiteSpace(t.Value));
    }

    [Fact]
    public void Vietnamese_differs_from_English_and_keeps_the_placeholders()
    {
        Assert.Empty(English.Where(e => Vietnamese[e.Key] == e.Value).Select(e => e.Key));
        Assert.Empty(English.Where(e => !ResourceFile.Placeholders(e.Value).SequenceEqual(ResourceFile.Placeholders(Vietnamese[e.Key]))).Select(e => e.Key));
    }

    [Fact]
    public void Every_literal_editor_key_in_the_code_exists()
    {
        var folders = new[] { Path.Combine("Components", "Pages", "Mappings"), "Mappings" }
            .Select(f => Path.Combine(RepositoryRoot.Path, "src", "ImportPortal", f));
        var keys = folders.SelectMany(f => Directory.EnumerateFiles(f, "*.*"))
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(keys.Count > 40, $"only {keys.Count} keys found: the scan is broken");
        Assert.DoesNotContain(keys, k => !English.ContainsKey(k));
    }

    [Fact]
    public void Every_key_built_from_an_enum_or_an_argument_kind_exists()
    {
        IEnumerable<string> built =
        [
            .. Enum.GetNames<FieldOrigin>().Select(n => $"Editor.Origin.{n}"),
            .. Enum.GetNames<TransformKind>().Select(n => $"Editor.Transform.{n}"),
            .. Enum.GetNames<NameOrder>().Select(n => $"Editor.NameOrder.{n}"),
            .. Enum.GetValues<TransformKind>().Select(k => new TransformDraft { Kind = k }.ArgMeaning).OfType<string>().Select(m => $"Editor.Arg.{m}"),
            .. new[] { FieldOrigin.Template, FieldOrigin.Constant, FieldOrigin.FirstNonEmpty }.Select(o => $"Editor.ValueHelp.{o}"),
        ];

        Assert.DoesNotContain(built, k => !English.ContainsKey(k));
    }

    private static Dictionary<string, string> Editor(string file) =>
        ResourceFile.Load(file).Where(t => t.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary();

    [GeneratedRegex("""\bM\["(Editor\.[A-Za-z0-9.]+)"[,\]]""")]
    private static partial Regex LiteralKey();
}
