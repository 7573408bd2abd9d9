using System.Text.RegularExpressions;
using ImportPortal.Domain.Mapping;
using ImportPortal.Tests.Unit.Sources;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>Every problem code the mapping engine can emit has an English and a Vietnamese text that fits its Args.</summary>
public sealed partial class MappingTextTests
{
    [Theory]
    [InlineData("MappingResource.resx")]
    [InlineData("MappingResource.vi.resx")]
    public void Every_code_has_a_text_and_no_text_lacks_a_code(string file)
    {
        var texts = ProblemTextTests.Load(file);

        Assert.Empty(MappingProblemCodes.All.Except(texts.Keys));
        Assert.Empty(texts.Keys.Except(MappingProblemCodes.All));
        Assert.DoesNotContain(texts, t => string.IsNullOrWhiteSpace(t.Value));
    }

    [Fact]
    public void Every_code_constant_is_listed_in_All()
    {
        var constants = typeof(MappingProblemCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(constants.Order(StringComparer.Ordinal), MappingProblemCodes.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Both_languages_name_the_field_use_the_same_placeholders_and_differ()
    {
        var english = ProblemTextTests.Load("MappingResource.resx");
        var vietnamese = ProblemTextTests.Load("MappingResource.vi.resx");

        foreach (var code in MappingProblemCodes.All)
        {
            Assert.StartsWith("{0}", english[code], StringComparison.Ordinal);
            Assert.Equal(Placeholders(english[code]), Placeholders(vietnamese[code]));
            Assert.NotEqual(english[code], vietnamese[code]);
        }
    }

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
