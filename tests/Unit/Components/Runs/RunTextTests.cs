using System.Text.RegularExpressions;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>Every text of the run pages exists in English and in Vietnamese, and the Vietnamese is a translation.</summary>
public sealed partial class RunTextTests
{
    private static readonly Dictionary<string, string> English = ResourceFile.Load("RunResource.resx");
    private static readonly Dictionary<string, string> Vietnamese = ResourceFile.Load("RunResource.vi.resx");

    [Fact]
    public void Both_languages_have_the_same_keys_with_text()
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
    public void Every_literal_key_of_the_run_pages_exists()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "src", "ImportPortal", "Components", "Pages", "Runs");
        var keys = Directory.EnumerateFiles(folder, "*.*")
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(keys.Count > 100, $"only {keys.Count} keys found: the scan is broken");
        var missing = keys.Where(k => !English.ContainsKey(k)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_key_built_from_an_enum_exists()
    {
        IEnumerable<string> built =
        [
            .. Enum.GetNames<RunState>().Select(n => $"State.{n}"),
            .. Enum.GetNames<RunStage>().Select(n => $"Stage.{n}"),
            .. Enum.GetNames<RecordState>().Select(n => $"Record.{n}"),
            .. Enum.GetNames<EntityKind>().Select(n => $"Entity.{n}"),
            .. Enum.GetNames<RecordErrorKind>().Select(n => $"Kind.{n}"),
            .. Enum.GetNames<RecordErrorKind>().Select(n => $"KindHelp.{n}"),
        ];

        var missing = built.Where(k => !English.ContainsKey(k)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_reason_the_run_service_gives_has_a_text()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "src", "ImportPortal", "Runs");
        var reasons = Directory.EnumerateFiles(folder, "*.cs")
            .SelectMany(f => FailKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.Contains("Runs.PayloadNotJson", reasons);
        var missing = reasons.Where(k => !English.ContainsKey(k)).ToList();
        Assert.Empty(missing);
    }

    [GeneratedRegex(@"\bR\[""([A-Za-z]+\.[A-Za-z0-9.]+)""[,\]]")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"RunCommandResult\.Fail\(""([A-Za-z]+\.[A-Za-z0-9.]+)""")]
    private static partial Regex FailKey();
}
