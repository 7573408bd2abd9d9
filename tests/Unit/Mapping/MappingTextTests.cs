using System.Text.RegularExpressions;
using ImportPortal.Domain.Mapping;
using ImportPortal.Tests.Unit.Sources;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>Every problem code the mapping engine can emit has an English and a Vietnamese text that fits its Args.</summary>
public sealed partial class MappingTextTests
{
    [Theory]
    [InlineData("MappingResource.resx")]
    [InlineData("MappingResource.vi.resx")]
    public void Every_code_has_a_text_and_no_text_lacks_a_code(string file)
    {
        // The editor's own texts (Editor.*) share the file; EditorTextTests checks them.
        var texts = ResourceFile.Load(file).Where(t => !t.Key.StartsWith(EditorTextTests.Prefix, StringComparison.Ordinal)).ToDictionary();

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
        var english = ResourceFile.Load("MappingResource.resx");
        var vietnamese = ResourceFile.Load("MappingResource.vi.resx");

        foreach (var code in MappingProblemCodes.All)
        {
            Assert.StartsWith("{0}", english[code], StringComparison.Ordinal);
            Assert.Equal(Placeholders(english[code]), Placeholders(vietnamese[code]));
            Assert.NotEqual(english[code], vietnamese[code]);
        }
    }

    [Fact]
    public void Every_code_a_broken_profile_and_record_emit_has_a_text_in_both_languages()
    {
        var english = ResourceFile.Load("MappingResource.resx");
        var vietnamese = ResourceFile.Load("MappingResource.vi.resx");
        FieldMapping[] fields =
        [
            new("subject", FieldOrigin.Template, "{Missing}{Long}"),
            new("raised_by", FieldOrigin.Column, "Email", [new TransformStep(TransformKind.Email)]),
            new("opening_date", FieldOrigin.Column, "When", [new TransformStep(TransformKind.Date)]),
            new("priority", FieldOrigin.Column, "P", [new TransformStep(TransformKind.ValueMap, Map: new Dictionary<string, string> { ["x"] = "Low" })]),
            new("ticket_type", FieldOrigin.Column, "P", [new TransformStep(TransformKind.ValueMap, Map: new Dictionary<string, string> { ["x"] = "Bug" }, Fallback: "Bug")]),
            new("agreement_status", FieldOrigin.Column, "P"),
            new("contact", FieldOrigin.Column, "P", [new TransformStep(TransformKind.Lookup, "users.email")]),
            new("subjet", FieldOrigin.Constant, "x"),
        ];
        var ticket = new EntityMapping(EntityKind.Ticket, new EntitySource("t"), new FieldMapping("(key)", FieldOrigin.Column, "Id"), fields, "custom_nope");
        var profile = new MappingProfile("broken", [ticket], TruncateToFieldLength: false, SiteTimeZone: "Mars/Olympus");
        var record = MappingSites.Record(("Id", ""), ("Long", new string('x', 150)), ("Email", "a@@b"), ("When", "never"), ("P", "zzz"));

        var compiled = ProfileCompiler.Compile(profile, MappingSites.Helpdesk122);
        var mapped = compiled.MapRecord("t", record).Single();
        var codes = mapped.Problems.Concat(compiled.Problems.Select(p => p.Problem)).Select(p => p.Code).Distinct().ToList();

        Assert.True(codes.Count >= 12, string.Join(", ", codes));
        Assert.All(codes, c => Assert.True(english.ContainsKey(c) && vietnamese.ContainsKey(c), c));
    }

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
