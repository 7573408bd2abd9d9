using System.Text.Json.Nodes;
using Bunit;
using ImportPortal.Components.Pages.Runs;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>The error list shows what Frappe said about a failed record and lets the operator retry it or fix its payload.</summary>
public sealed class RunErrorListTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Data refused", "Frappe refused the data")]
    [InlineData("vi", "Dữ liệu bị từ chối", "Frappe từ chối dữ liệu")]
    public async Task A_refused_ticket_is_listed_with_Frappes_error_and_the_actions_to_fix_it(string culture, string kind, string help)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        var list = Render<RunErrorList>(p => p.Add(x => x.RunId, runId).Add(x => x.CanAct, true).Add(x => x.Actor, "van.hanh"));

        var row = await TicketRowAsync(list);
        Assert.Contains(RefusalMessage, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("417 ValidationError", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(kind, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(RejectedTicketCsv.TicketId, row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("[data-testid=record-retry]"));
        Assert.NotNull(row.QuerySelector("[data-testid=record-edit]"));
        Assert.NotNull(row.QuerySelector("[data-testid=record-skip]"));
        Assert.NotEmpty(list.FindAll("[data-testid=retry-all-failed]"));

        row.QuerySelector("[data-testid=record-detail]")!.Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotEmpty(dialogs.FindAll("[data-testid=detail-error]")), Wait);
        Assert.Contains(help, dialogs.Find("[data-testid=detail-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains(RefusalMessage, dialogs.Find("[data-testid=detail-message]").TextContent, StringComparison.Ordinal);
        Assert.Contains(RefusedSubject, dialogs.Find("[data-testid=detail-planned]").TextContent, StringComparison.Ordinal);
        Assert.Contains(RefusedSubject, dialogs.Find("[data-testid=detail-source]").TextContent, StringComparison.Ordinal);
        // The refused POST's outcome in the reader's language; the site's words beside it as they came.
        var post = Assert.Single(dialogs.FindAll("[data-testid=attempt-row]"), r => r.TextContent.Contains("POST HD Ticket", StringComparison.Ordinal));
        Assert.Equal("DataError", post.GetAttribute("data-outcome"));
        Assert.Contains(culture == "vi" ? "Dữ liệu bị từ chối" : "DataError", post.TextContent, StringComparison.Ordinal);
        Assert.Contains(RefusalMessage, post.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "is not a JSON object")]
    [InlineData("vi", "không phải đối tượng JSON")]
    public async Task An_edited_payload_is_checked_kept_and_sent_again_by_the_retry(string culture, string notJson)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var list = Render<RunErrorList>(p => p.Add(x => x.RunId, runId).Add(x => x.CanAct, true).Add(x => x.Actor, "van.hanh"));
        var row = await TicketRowAsync(list);
        var recordId = long.Parse(row.QuerySelector("[data-testid=error-row]")!.GetAttribute("data-record")!, System.Globalization.CultureInfo.InvariantCulture);

        row.QuerySelector("[data-testid=record-edit]")!.Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotEmpty(dialogs.FindAll("textarea[data-testid=payload-json]")), Wait);
        var planned = dialogs.Find("textarea[data-testid=payload-json]").GetAttribute("value") ?? dialogs.Find("textarea[data-testid=payload-json]").TextContent;
        Assert.Contains(RefusedSubject, planned, StringComparison.Ordinal);

        dialogs.Find("textarea[data-testid=payload-json]").Input("{ \"subject\": ");
        dialogs.Find("[data-testid=payload-save]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.Contains(notJson, dialogs.Find("[data-testid=payload-error]").TextContent, StringComparison.Ordinal), Wait);

        var corrected = JsonNode.Parse(planned)!.AsObject();
        corrected["subject"] = "Phiếu đã sửa tiêu đề";
        dialogs.Find("textarea[data-testid=payload-json]").Input(corrected.ToJsonString());
        dialogs.Find("[data-testid=payload-save]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.Empty(dialogs.FindAll("[data-testid=payload-editor]")), Wait);

        await H.RetryAsync(runId, [recordId]);

        var record = await H.InDatabaseAsync(db => db.ImportRecords.AsNoTracking().FirstAsync(r => r.Id == recordId));
        Assert.Equal(RecordState.Succeeded, record.State);
        Assert.Contains(H.Simulator.Store.List("HD Ticket"), t => t["subject"]?.ToString() == "Phiếu đã sửa tiêu đề");
    }

    [Theory]
    [InlineData("en", "Why records failed", "Waiting on a failed record", "Retry these (1)", "dependency failed: Ticket", "Ticket")]
    [InlineData("vi", "Vì sao bản ghi lỗi", "Đang chờ một bản ghi lỗi", "Thử lại các bản ghi này (1)", "bản ghi cần có trước bị lỗi: Phiếu", "Phiếu")]
    public async Task Failures_are_summed_up_by_cause_and_a_cause_is_shown_skipped_or_retried_at_once(string culture, string title, string waiting, string retry, string waitsOn, string ticketWord)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        Render<MudPopoverProvider>();
        var list = Render<RunErrorList>(p => p.Add(x => x.RunId, runId).Add(x => x.CanAct, true).Add(x => x.Actor, "van.hanh").Add(x => x.Failed, 4));

        await list.WaitForAssertionAsync(() => Assert.Equal(2, list.FindAll("[data-testid=cause]").Count), Wait);
        Assert.Contains(title, list.Find("[data-testid=failure-causes]").TextContent, StringComparison.Ordinal);
        var causes = list.FindAll("[data-testid=cause]");
        // The ticket's conversation, finalise and assignment wait on it: one cause, naming the ticket, that only the ticket's fix retries.
        Assert.Equal(("3", "Dependency"), (causes[0].GetAttribute("data-count"), causes[0].GetAttribute("data-kind")));
        // In the reader's language, the site's own words kept as it sent them.
        Assert.Equal($"{waitsOn} … — {RefusalMessage}", causes[0].QuerySelector("[data-testid=cause-text]")!.TextContent);
        // The value names the ticket in the reader's words, and finds its records by the English message's.
        Assert.Equal($"{ticketWord} {RejectedTicketCsv.TicketId} ×3", causes[0].QuerySelector("[data-testid=cause-value]")!.TextContent);
        Assert.Equal($"Ticket {RejectedTicketCsv.TicketId}", causes[0].QuerySelector("[data-testid=cause-value]")!.GetAttribute("data-value"));
        Assert.Contains(waiting, causes[0].TextContent, StringComparison.Ordinal);
        Assert.Null(causes[0].QuerySelector("[data-testid=cause-retry]"));
        Assert.Equal(("1", RefusalMessage), (causes[1].GetAttribute("data-count"), causes[1].QuerySelector("[data-testid=cause-text]")!.TextContent));
        Assert.Contains("417 ValidationError", causes[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(retry, causes[1].QuerySelector("[data-testid=cause-retry]")!.TextContent.Trim());

        list.FindAll("[data-testid=cause-show]")[1].Click();
        await list.WaitForAssertionAsync(() => Assert.Equal("1", list.Find("[data-testid=error-table]").GetAttribute("data-total")), Wait);
        Assert.Contains(RefusalMessage, list.Find("[data-testid=errors-cause]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Tickets", list.Find("[data-testid=error-row]").GetAttribute("data-stage"));
        list.Find("[data-testid=errors-cause] .mud-chip-close-button").Click();
        await list.WaitForAssertionAsync(() => Assert.Equal("4", list.Find("[data-testid=error-table]").GetAttribute("data-total")), Wait);

        // A value names the records waiting on that ticket; what the list then shows can be skipped, not retried: the ticket is the fix.
        list.Find("[data-testid=cause-value]").Click();
        await list.WaitForAssertionAsync(() => Assert.Equal("3", list.Find("[data-testid=error-table]").GetAttribute("data-total")), Wait);
        Assert.Contains($"{ticketWord} {RejectedTicketCsv.TicketId}", list.Find("[data-testid=errors-cause]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"{waitsOn} {RejectedTicketCsv.TicketId} — {RefusalMessage}", list.Find("[data-testid=error-table]").TextContent, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("[data-testid=shown-retry]"));
        Assert.NotEmpty(list.FindAll("[data-testid=shown-skip]"));
        list.Find("[data-testid=errors-cause] .mud-chip-close-button").Click();
        await list.WaitForAssertionAsync(() => Assert.Equal("4", list.Find("[data-testid=error-table]").GetAttribute("data-total")), Wait);

        list.FindAll("[data-testid=cause-skip]")[0].Click();
        await list.WaitForAssertionAsync(() => Assert.Single(list.FindAll("[data-testid=cause]")), Wait);
        var records = await H.RecordsAsync(runId);
        Assert.Equal(3, records.Count(r => r.State == RecordState.Skipped && r.ErrorKind == RecordErrorKind.Dependency));

        list.Find("[data-testid=cause-retry]").Click();
        var ticket = records.Single(r => r is { Stage: RunStage.Tickets, State: RecordState.Failed });
        await list.WaitForAssertionAsync(() => Assert.Single(H.Jobs.ArgumentsOf("RetryRecordsJob.ExecuteCauseAsync")), Wait);
        var cause = Assert.IsType<RecordCause>(H.Jobs.ArgumentsOf("RetryRecordsJob.ExecuteCauseAsync")[0][1]);
        Assert.Equal((RunStage.Tickets, RefusalMessage, (string?)null), (cause.Stage, cause.Template, cause.Value));
        Assert.Equal([ticket.Id], await H.Queries.IdsAsync(runId, new RecordFilter(Cause: cause), CancellationToken.None));
    }

    [Theory]
    [InlineData("en", "No agent called \"{0}\" on the site", "Add the agent in Helpdesk", "No agent called \"…\" on the site", "add the agent")]
    [InlineData("vi", "Site không có nhân viên nào tên \"{0}\"", "Hãy thêm nhân viên đó trong Helpdesk", "Site không có nhân viên nào tên \"…\"", "them nhan vien do")]
    public async Task The_portals_own_explanation_of_a_failure_is_in_the_operators_language_and_the_english_still_finds_it(string culture, string sentence, string whatToDo, string cause, string searched)
    {
        UseCulture(culture);
        var (_, name, _) = TestData.FreshdeskSampleWriter.Agents[0];
        var runId = await H.StartTicketRunAsync(TestData.FreshdeskSampleWriter.TicketCsv(3), agentOnSite: false);
        await H.ExecuteAsync(runId, Xunit.TestContext.Current.CancellationToken);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        var list = Render<RunErrorList>(p => p.Add(x => x.RunId, runId).Add(x => x.CanAct, true).Add(x => x.Actor, "van.hanh").Add(x => x.Failed, 3));

        await list.WaitForAssertionAsync(() => Assert.Equal(3, list.FindAll("[data-testid=error-row]").Count), Wait);
        var said = string.Format(System.Globalization.CultureInfo.InvariantCulture, sentence, name);
        Assert.All(list.FindAll("[data-testid=error-row]"), row => Assert.Contains(said, row.ParentElement!.TextContent, StringComparison.Ordinal));
        Assert.Contains(whatToDo, list.Find("[data-testid=error-table]").TextContent, StringComparison.Ordinal);
        var causes = list.FindAll("[data-testid=cause]");
        Assert.Equal("3", Assert.Single(causes).GetAttribute("data-count"));
        Assert.StartsWith(cause, causes[0].QuerySelector("[data-testid=cause-text]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{name} ×3", causes[0].QuerySelector("[data-testid=cause-value]")!.TextContent);

        list.Find("[data-testid=record-detail]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.StartsWith(said, dialogs.Find("[data-testid=detail-message]").TextContent, StringComparison.Ordinal), Wait);

        // The message kept is the English one, whoever reads it: the search finds it by its English words too.
        var english = await H.Queries.RecordsAsync(runId, new RecordFilter(Text: "No agent called"), CancellationToken.None);
        Assert.Equal(3, english.Total);
        Assert.All(english.Items, line => Assert.StartsWith($"No agent called \"{name}\"", line.Message, StringComparison.Ordinal));
        // And by the words the reader reads, with or without their marks; words the sentence does not say find nothing.
        Assert.Equal(3, (await H.Queries.RecordsAsync(runId, new RecordFilter(Text: searched), CancellationToken.None)).Total);
        Assert.Equal(0, (await H.Queries.RecordsAsync(runId, new RecordFilter(Text: culture == "vi" ? "hết hạn" : "has expired"), CancellationToken.None)).Total);
    }

    private static async Task<AngleSharp.Dom.IElement> TicketRowAsync(IRenderedComponent<RunErrorList> list)
    {
        await list.WaitForAssertionAsync(() => Assert.NotEmpty(list.FindAll("[data-testid=error-row][data-stage=Tickets]")), Wait);
        return list.Find("[data-testid=error-row][data-stage=Tickets]").ParentElement!;
    }
}
