using System.Text.RegularExpressions;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Localization;

/// <summary>Every string the operator sees exists in English and in Vietnamese.</summary>
public sealed partial class ResourceCompletenessTests
{
    private static Dictionary<string, string> Load(string file) => ResourceFile.Load(file);

    [Fact]
    public void English_and_Vietnamese_have_the_same_keys_and_no_empty_text()
    {
        var english = Load("SharedResource.resx");
        var vietnamese = Load("SharedResource.vi.resx");

        Assert.Empty(english.Keys.Except(vietnamese.Keys));
        Assert.Empty(vietnamese.Keys.Except(english.Keys));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        Assert.Empty(vietnamese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
    }

    [Fact]
    public void Vietnamese_is_actually_translated()
    {
        var english = Load("SharedResource.resx");
        var vietnamese = Load("SharedResource.vi.resx");

        // Names (ImportPortal, English, Tiếng Việt, E-mail) may stay; sentences may not.
        var untranslated = english
            .Where(e => e.Value.Contains(' ', StringComparison.Ordinal) && e.Value.Length > 12 && vietnamese[e.Key] == e.Value)
            .Select(e => e.Key)
            .ToList();
        Assert.Empty(untranslated);
    }

    [Fact]
    public void Every_literal_key_used_in_the_code_exists_in_the_resources()
    {
        var known = Load("SharedResource.resx").Keys.ToHashSet();
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "ImportPortal"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var missing = (
            from file in sources
            from Match m in LiteralKey().Matches(File.ReadAllText(file))
            let key = m.Groups[1].Value
            where !known.Contains(key)
            select $"{Path.GetFileName(file)}: {key}").ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void The_code_scan_finds_the_keys_it_is_meant_to_check()
    {
        // Guards the test above against a regex that silently matches nothing.
        var sample = """<MudText>@L["Login.Title"]</MudText> L["Users.RoleChanged", user.Email] AccountResult.Fail("Users.LastAdmin")""";
        var keys = LiteralKey().Matches(sample).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Login.Title", "Users.RoleChanged", "Users.LastAdmin"], keys);
    }

    [Theory]
    [InlineData("SharedResource")]
    [InlineData("RunResource")]
    public void Every_entity_and_stage_is_named_in_both_languages(string resource)
    {
        // The pages name them by key built from the enum ($"Entity.{kind}", $"Stage.{stage}"): no scan sees those.
        var wanted = Enum.GetValues<Domain.Mapping.EntityKind>().Select(k => $"Entity.{k}")
            .Concat(resource == "RunResource" ? Enum.GetValues<Domain.Migration.RunStage>().Select(s => $"Stage.{s}") : [])
            .ToList();

        foreach (var file in new[] { $"{resource}.resx", $"{resource}.vi.resx" })
        {
            var texts = Load(file);
            Assert.Empty(wanted.Where(k => !texts.ContainsKey(k)).Select(k => $"{file}: {k}"));
        }
    }

    // L["Key"...] in markup and code, and AccountResult.Fail("Key") whose keys are shown through the same resources.
    [GeneratedRegex("""(?:\bL\[|AccountResult\.Fail\()"([A-Za-z]+\.[A-Za-z0-9.]+)"[,\]\)]""")]
    private static partial Regex LiteralKey();
}
