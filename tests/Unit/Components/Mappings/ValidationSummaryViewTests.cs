using Bunit;
using ImportPortal.Components.Pages.Mappings;
using ImportPortal.Domain.Mapping;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Components.Mappings;

/// <summary>The whole-source validation's summary says which records no entity takes, and why, in the operator's language.</summary>
public sealed class ValidationSummaryViewTests : PortalComponentTest
{
    private static readonly RowFilter Live = new("spam", ["true", "1", "yes"], Negate: true, And: new RowFilter("deleted", ["true", "1", "yes"], Negate: true));

    [Theory]
    [InlineData("en", "Taken by no entity", "2 × tickets (e.g. rows 2, 3) — Ticket: only rows where spam is not true / 1 / yes and deleted is not true / 1 / yes", "4 × notes of tickets")]
    [InlineData("vi", "Không thực thể nào nhận", "2 × tickets (ví dụ các dòng 2, 3) — Phiếu: chỉ các dòng mà spam không phải true / 1 / yes và deleted không phải true / 1 / yes", "4 × notes của tickets")]
    public void Records_no_entity_takes_are_listed_with_their_count_rows_and_the_filters_that_left_them_out(string culture, string title, string tickets, string notes)
    {
        UseCulture(culture);
        var report = new ValidationReport(4, new Dictionary<EntityKind, long> { [EntityKind.Ticket] = 2 }, 0, [], 0,
        [
            new LeftOutTally("tickets", "notes", 4, [1, 2, 3], [new EntityFilter(EntityKind.Ticket, Live), new EntityFilter(EntityKind.PrivateNote, new RowFilter("private", ["true"]))]),
            new LeftOutTally("tickets", null, 2, [2, 3], [new EntityFilter(EntityKind.Ticket, Live)]),
        ]);

        var view = Render<ValidationSummaryView>(p => p.Add(x => x.Summary, report));

        Assert.Contains(title, view.Find("[data-testid=left-out-title]").TextContent, StringComparison.Ordinal);
        var lines = view.FindAll("[data-testid=left-out-line]").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith(notes, lines[0], StringComparison.Ordinal);
        Assert.Equal(tickets + ".", lines[1]);
        Assert.DoesNotContain("Validation.", view.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "2 column(s) hold values that no field sends", "custom field")]
    [InlineData("vi", "2 cột có giá trị mà không trường nào gửi đi", "trường tùy chỉnh")]
    public void Columns_whose_values_no_field_sends_are_listed_with_their_count_rows_an_example_and_what_to_do(string culture, string title, string help)
    {
        UseCulture(culture);
        var report = new ValidationReport(40, new Dictionary<EntityKind, long> { [EntityKind.Ticket] = 40 }, 0, [], 0, Unsent:
        [
            new UnsentColumnTally("tickets", null, "custom_field.cf_khu_vuc_123", 40, [2, 3, 4, 5, 6], "Miền Bắc"),
            new UnsentColumnTally("tickets", "notes", "support-email", 3, [2, 9], "hotro@haravan.vn"),
        ]);

        var view = Render<ValidationSummaryView>(p => p.Add(x => x.Summary, report));
        view.Find("[data-testid=unsent-title] .mud-expand-panel-header").Click();

        Assert.Contains(title, view.Find("[data-testid=unsent-title]").TextContent, StringComparison.Ordinal);
        Assert.Contains(help, view.Markup, StringComparison.Ordinal);
        var cells = view.FindAll("[data-testid=unsent-column]");
        Assert.Equal(["custom_field.cf_khu_vuc_123", "support-email"], cells.Select(c => c.GetAttribute("data-column")));
        Assert.Contains("Miền Bắc", view.Markup, StringComparison.Ordinal);
        Assert.Contains("2, 3, 4, 5, 6 …", view.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Validation.", view.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "The attachment's link points at 10.255.255.1, which is not among the hosts attachments are fetched from (127.0.0.1).")]
    [InlineData("vi", "Liên kết của tệp đính kèm trỏ tới 10.255.255.1, không nằm trong các máy chủ được tải tệp (127.0.0.1).")]
    public void A_file_link_that_failed_says_why_in_the_readers_language_and_an_http_status_as_it_is(string culture, string why)
    {
        UseCulture(culture);
        var sentence = ImportPortal.Domain.Migration.PortalTextJson.WriteOne(
            new ImportPortal.Domain.Migration.PortalText(ImportPortal.Domain.Migration.RecordTexts.AttachmentHostNotAllowed, "10.255.255.1", "127.0.0.1"))!;
        var report = new ValidationReport(2, new Dictionary<EntityKind, long> { [EntityKind.Attachment] = 2 }, 2,
        [
            new ProblemTally(MappingProblemCodes.AttachmentLinkFailed, EntityKind.Attachment, "file_url", MappingSeverity.Error, 1, [new ProblemExample("tickets", 2, ["file_url", "1", "5", sentence])]),
            new ProblemTally(MappingProblemCodes.AttachmentLinkFailed, EntityKind.Attachment, "file_url", MappingSeverity.Error, 1, [new ProblemExample("notes", 3, ["file_url", "1", "5", "HTTP 403"])]),
        ], 0);

        var view = Render<ValidationSummaryView>(p => p.Add(x => x.Summary, report));

        Assert.Contains(why, view.Markup, StringComparison.Ordinal);
        Assert.Contains("(HTTP 403)", view.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("\"key\"", view.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_stored_before_left_out_records_were_counted_shows_no_such_list()
    {
        var report = new ValidationReport(3, new Dictionary<EntityKind, long> { [EntityKind.Ticket] = 3 }, 0, [], 0);

        var view = Render<ValidationSummaryView>(p => p.Add(x => x.Summary, report));

        Assert.Empty(view.FindAll("[data-testid=left-out]"));
        Assert.Empty(view.FindAll("[data-testid=unsent-columns]"));
        Assert.NotEmpty(view.FindAll("[data-testid=validation-clean]"));
    }
}
