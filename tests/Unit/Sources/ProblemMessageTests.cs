using ImportPortal.Domain.Sources;

namespace ImportPortal.Tests.Unit.Sources;

/// <summary>The exact sentences the operator reads for the most common bad uploads, in English and Vietnamese.</summary>
public sealed class ProblemMessageTests
{
    private static async Task<SourceProblem> ProblemOf(string name, string code)
    {
        var (problems, _) = await BadInputTests.ReadAsync(BadInputCorpus.All.Single(c => c.Name == name));
        return problems.First(p => p.Code == code);
    }

    [Fact]
    public async Task An_unclosed_quote_names_file_row_and_column_and_says_what_to_do()
    {
        var problem = await ProblemOf("unclosed-quote.csv", SourceProblemCodes.UnclosedQuote);

        Assert.Equal(
            "unclosed-quote.csv, row 3: the quoted cell that starts in column Description never ends. Check the file was exported completely, or open it and save it again as CSV UTF-8.",
            ProblemTextTests.English(problem));
        Assert.Equal(
            "Tệp unclosed-quote.csv, dòng 3: ô đặt trong ngoặc kép bắt đầu ở cột Description không có dấu ngoặc kép đóng. Hãy kiểm tra tệp đã được xuất đầy đủ chưa, hoặc mở tệp và lưu lại dưới dạng CSV UTF-8.",
            ProblemTextTests.Vietnamese(problem));
    }

    [Fact]
    public async Task A_zip_slip_entry_is_named_and_skipped()
    {
        var problem = await ProblemOf("zip-slip.zip", SourceProblemCodes.ZipUnsafeEntryName);

        Assert.Equal(
            "zip-slip.zip: the entry \"../../x\" has a name that points outside the archive; it was skipped. A genuine Freshdesk export never contains such names.",
            ProblemTextTests.English(problem));
    }

    [Fact]
    public async Task Xml_with_entities_is_refused_before_anything_is_expanded()
    {
        var problem = await ProblemOf("xml-external-entity.zip", SourceProblemCodes.XmlDtdProhibited);

        Assert.Equal(
            "xml-external-entity.zip, entry Tickets1.xml: the XML declares a DTD or entities, which are refused for safety. Freshdesk exports never contain them; check where the file came from.",
            ProblemTextTests.English(problem));
    }

    [Fact]
    public async Task A_zip_bomb_names_the_entry_and_the_ratio()
    {
        var problem = await ProblemOf("zip-ratio-bomb.zip", SourceProblemCodes.ZipRatioTooHigh);

        Assert.Equal(
            "zip-ratio-bomb.zip, entry Tickets1.xml: the entry expands more than 100 times its packed size, which real exports never do. The archive was not read; check where it came from.",
            ProblemTextTests.English(problem));
    }

    [Fact]
    public async Task Truncated_json_names_the_line_and_position()
    {
        var problem = await ProblemOf("truncated.json", SourceProblemCodes.JsonInvalid);

        Assert.StartsWith("truncated.json, line 1, position ", ProblemTextTests.English(problem), StringComparison.Ordinal);
        Assert.EndsWith("the JSON is invalid or ends too early. Check the file was saved completely; a dump cut off in the middle must be exported again.", ProblemTextTests.English(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runaway_quote_reports_the_row_where_it_started()
    {
        var problem = await ProblemOf("runaway-quote.csv", SourceProblemCodes.RecordTooLarge);

        Assert.StartsWith("runaway-quote.csv, row 3: the row is longer than 1048576 characters", ProblemTextTests.English(problem), StringComparison.Ordinal);
    }
}
