using ImportPortal.Domain.Sources;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Sources;

public sealed class XlsxSourceReaderTests
{
    private static readonly DateTime Created = new(2024, 5, 17, 9, 30, 0);

    private static byte[] Tickets() => XlsxSampleWriter.Workbook(
        ("Summary", [["Nothing here"]]),
        ("Tickets", [
            ["Ticket ID", "Subject", "Created time", "Requester name", "Ticket ID"],
            [101d, "Hỗ trợ khách hàng", Created, "Nguyễn Văn Anh", 1d],
            [null, null, null, null, null],
            [102d, "Đổi gói", Created.AddDays(1), "Trần Thị Bình", 2d],
        ]));

    [Fact]
    public async Task A_chosen_sheet_is_read_with_dates_as_dates_and_rows_as_in_excel()
    {
        var (reader, records) = await SourceTestRead.ReadAsync(Tickets(), "tickets.xlsx", new SourceReadOptions(Table: "Tickets"));

        Assert.Equal(SourceFileKind.Xlsx, reader.Format.Kind);
        Assert.Equal("Tickets", reader.Table);
        Assert.Equal(["Ticket ID", "Subject", "Created time", "Requester name", "Ticket ID (2)"], reader.Columns.Names);
        Assert.Equal(2, records.Count);
        Assert.Equal("101", records[0]["Ticket ID"].Text);
        Assert.Equal(Created, records[0]["Created time"].Typed);
        Assert.Equal("2024-05-17 09:30:00", records[0]["Created time"].Text);
        Assert.Equal("Nguyễn Văn Anh", records[0]["Requester name"].Text);
        Assert.Equal([2L, 4L], records.Select(r => r.Locator.Row));
        Assert.Contains(reader.Problems.Items, p => p.Code == SourceProblemCodes.DuplicateHeader);
    }

    [Fact]
    public async Task Without_a_choice_the_first_sheet_is_read()
    {
        var (reader, _) = await SourceTestRead.ReadAsync(Tickets(), "tickets.xlsx");

        Assert.Equal("Summary", reader.Table);
        Assert.Equal(["Nothing here"], reader.Columns.Names);
    }

    [Fact]
    public async Task A_missing_sheet_names_the_sheets_there_are()
    {
        var problem = await SourceTestRead.FailureAsync(Tickets(), "tickets.xlsx", new SourceReadOptions(Table: "Contacts"));

        Assert.Equal(SourceProblemCodes.SheetNotFound, problem.Code);
        Assert.Equal("tickets.xlsx has no sheet named \"Contacts\". Sheets in the workbook: Summary, Tickets.", ProblemTextTests.English(problem));
    }

    [Fact]
    public async Task An_upload_lists_a_workbook_s_sheets_in_order_and_a_csv_as_one_unnamed_table()
    {
        var folder = Directory.CreateTempSubdirectory("importportal-sheets-");
        try
        {
            var xlsx = Path.Combine(folder.FullName, "tickets.xlsx");
            await File.WriteAllBytesAsync(xlsx, Tickets(), TestContext.Current.CancellationToken);
            var csv = Path.Combine(folder.FullName, "tickets.csv");
            await File.WriteAllTextAsync(csv, "Ticket ID,Subject\n1,Hỏi giá\n", TestContext.Current.CancellationToken);

            var sheets = await SourceReaderFactory.TablesAsync(await SourceTestRead.SniffAsync(Tickets(), "tickets.xlsx"), xlsx, null, TestContext.Current.CancellationToken);
            var single = await SourceReaderFactory.TablesAsync(await SourceTestRead.SniffAsync(SourceTestRead.Utf8("Ticket ID,Subject\n1,Hỏi giá\n"), "tickets.csv"), csv, null, TestContext.Current.CancellationToken);

            Assert.Equal(["Summary", "Tickets"], sheets);
            Assert.Equal([null], single);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
