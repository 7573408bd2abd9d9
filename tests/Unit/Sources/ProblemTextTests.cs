using System.Globalization;
using System.Text.RegularExpressions;
using ImportPortal.Domain.Sources;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Sources;

/// <summary>Every problem code the readers can emit has an English and a Vietnamese text that fits its Args.</summary>
public sealed partial class ProblemTextTests
{
    private static Dictionary<string, string> Load(string file) => ResourceFile.Load(file);

    [Theory]
    [InlineData("SourceResource.resx")]
    [InlineData("SourceResource.vi.resx")]
    public void Every_code_has_a_text_and_no_text_lacks_a_code(string file)
    {
        var texts = Load(file);

        Assert.Empty(SourceProblemCodes.All.Except(texts.Keys));
        Assert.Empty(texts.Keys.Except(SourceProblemCodes.All));
        Assert.Empty(texts.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key));
    }

    [Fact]
    public void Every_text_names_the_file_and_both_languages_use_the_same_placeholders()
    {
        var english = Load("SourceResource.resx");
        var vietnamese = Load("SourceResource.vi.resx");

        foreach (var code in SourceProblemCodes.All)
        {
            Assert.Contains("{0}", english[code], StringComparison.Ordinal);
            Assert.Equal(Placeholders(english[code]), Placeholders(vietnamese[code]));
            Assert.NotEqual(english[code], vietnamese[code]);
        }
    }

    [Fact]
    public void Every_code_constant_is_listed_in_All()
    {
        var constants = typeof(SourceProblemCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(constants.Order(StringComparer.Ordinal), SourceProblemCodes.All.Order(StringComparer.Ordinal));
    }

    /// <summary>Formats a problem as the portal will, so tests can assert the operator's sentence.</summary>
    internal static string English(SourceProblem problem) => Format("SourceResource.resx", problem);

    internal static string Vietnamese(SourceProblem problem) => Format("SourceResource.vi.resx", problem);

    private static string Format(string file, SourceProblem problem) =>
        string.Format(CultureInfo.InvariantCulture, Load(file)[problem.Code], [.. problem.Args]);

    private static List<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
