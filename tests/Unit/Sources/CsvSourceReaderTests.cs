using ImportPortal.Domain.Sources;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Sources;

public sealed class CsvSourceReaderTests
{
    [Fact]
    public async Task Quoted_multi_line_cells_with_crlf_are_one_cell_and_rows_count_as_in_a_spreadsheet()
    {
        var bytes = SourceTestRead.Utf8("Ticket ID,Subject,Description\r\n1,\"Hỏi, đáp\",\"line one\r\nline \"\"two\"\"\"\r\n2,Second,plain\r\n");

        var (reader, records) = await SourceTestRead.ReadAsync(bytes, "Tickets.csv");

        Assert.Equal(["Ticket ID", "Subject", "Description"], reader.Columns.Names);
        Assert.Equal(2, records.Count);
        Assert.Equal("Hỏi, đáp", records[0]["Subject"].Text);
        Assert.Equal("line one\r\nline \"two\"", records[0]["Description"].Text);
        Assert.Equal(new SourceLocator("Tickets.csv", 2), records[0].Locator);
        Assert.Equal(3, records[1].Locator.Row);
    }

    [Fact]
    public async Task Lf_line_endings_and_a_missing_final_newline_read_every_row()
    {
        var (_, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8("a,b\n1,2\n3,4"), "x.csv");

        Assert.Equal(["2", "4"], records.Select(r => r["b"].Text));
    }

    [Fact]
    public async Task Duplicate_and_empty_headers_are_made_unique_and_reported()
    {
        var (reader, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8("Email,,Email,email\nx@y.vn,b,c,d\n"), "Contacts.csv");

        Assert.Equal(["Email", "Column 2", "Email (2)", "email (3)"], reader.Columns.Names);
        Assert.Equal("c", records[0]["Email (2)"].Text);
        Assert.Contains(reader.Problems.Items, p => p is { Code: SourceProblemCodes.EmptyHeader, Row: 1, Column: "Column 2" });
        var duplicate = Assert.Single(reader.Problems.Items, p => p.Code == SourceProblemCodes.DuplicateHeader && p.Args[3] == "Email (2)");
        Assert.Equal(["Contacts.csv", "1", "Email", "Email (2)"], duplicate.Args);
    }

    [Fact]
    public async Task Ragged_rows_are_read_and_reported_with_their_row_number()
    {
        var (reader, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8("a,b,c\n1,2,3\n4,5\n6,7,8,9\n"), "r.csv");

        Assert.Equal(3, records.Count);
        Assert.True(records[1]["c"].IsNull);
        Assert.Equal("8", records[2]["c"].Text);
        var problems = reader.Problems.Items.Where(p => p.Code == SourceProblemCodes.RaggedRow).ToList();
        Assert.Equal([3L, 4L], problems.Select(p => p.Row!.Value));
        Assert.Equal(["r.csv", "3", "3", "2"], problems[0].Args);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task Other_delimiters_are_sniffed_and_used(char delimiter)
    {
        var text = $"Name{delimiter}City{delimiter}Note\nNguyễn Văn Anh{delimiter}Hà Nội{delimiter}\"a, b\"\nTrần Thị Bình{delimiter}Huế{delimiter}c, d\n";

        var (reader, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8(text), "people.csv");

        Assert.Equal(delimiter, reader.Format.Delimiter);
        Assert.Equal("Hà Nội", records[0]["City"].Text);
        Assert.Equal("c, d", records[1]["Note"].Text);
    }

    [Fact]
    public async Task Header_only_file_reads_no_rows_and_says_so()
    {
        var (reader, records) = await SourceTestRead.ReadAsync(SourceTestRead.Utf8("Ticket ID,Subject\r\n"), "Tickets.csv");

        Assert.Empty(records);
        Assert.Equal(["Ticket ID", "Subject"], reader.Columns.Names);
        Assert.Equal(SourceProblemCodes.NoRows, Assert.Single(reader.Problems.Items).Code);
    }

    [Fact]
    public async Task Reading_twice_starts_over()
    {
        var reader = await SourceTestRead.OpenAsync(SourceTestRead.Utf8("a\n1\n2\n"), "t.csv");

        Assert.Equal(2, (await SourceTestRead.AllAsync(reader)).Count);
        Assert.Equal(2, (await SourceTestRead.AllAsync(reader)).Count);
    }

    [Fact]
    public async Task A_generated_freshdesk_ticket_export_reads_back_every_ticket()
    {
        var bytes = FreshdeskSampleWriter.TicketCsv(200);

        var (reader, records) = await SourceTestRead.ReadAsync(bytes, "tickets.csv");

        Assert.Equal(200, records.Count);
        Assert.Equal(FreshdeskSampleWriter.TicketHeaders, reader.Columns.Names);
        Assert.Equal("1", records[0]["Ticket ID"].Text);
        Assert.Equal(FreshdeskSampleWriter.RequesterName(0), records[0]["Requester name"].Text);
        Assert.Contains("\n", records[0]["Description"].Text, StringComparison.Ordinal);
        Assert.Empty(reader.Problems.Items);
    }
}
