using System.Globalization;
using Bunit;
using ImportPortal.Components.Pages.Runs;
using ImportPortal.Components.Shared;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>The runs list follows its runs as their jobs push progress, and reads a run again from the database when it ends.</summary>
public sealed class RunsPageTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Completed with errors", "{0:N0} records", "{0:N0} created · {1:N0} updated · {2:N0} skipped · 4 failed", "of them only wait on a failed record", "finished {0} · took {1}")]
    [InlineData("vi", "Hoàn thành, có lỗi", "{0:N0} bản ghi", "{0:N0} tạo mới · {1:N0} cập nhật · {2:N0} bỏ qua · 4 lỗi", "chỉ chờ một bản ghi bị lỗi", "kết thúc {0} · mất {1}")]
    public async Task A_run_started_while_the_list_is_open_appears_and_ends_there_with_its_counts(string culture, string state, string total, string counts, string waiting, string finished)
    {
        UseCulture(culture);
        var page = Render<RunsPage>();
        await page.WaitForAssertionAsync(() => Assert.Empty(page.FindAll("[data-testid=run-link]")), Wait);

        // The job runs here and publishes as in the portal; nobody reloads the page.
        var runId = await RunWithOneRefusedTicketAsync();

        var records = await H.RecordsAsync(runId);
        var created = records.Count(r => r.State == RecordState.Succeeded && r.Result == RecordResult.Created);
        // The finalise steps (status, then the original dates) update the tickets they follow.
        var updated = records.Count(r => r.State == RecordState.Succeeded && r.Result == RecordResult.Updated);
        Assert.NotEqual(0, updated);
        // The ticket types (Question, Incident) and the team (Billing) the site has already are found there and left as they are.
        var skipped = records.Count(r => r.State == RecordState.Skipped);
        Assert.Equal(3, skipped);
        var expected = string.Format(CultureInfo.CurrentCulture, counts, created, updated, skipped);
        await page.WaitForAssertionAsync(() =>
        {
            Assert.Contains(state, page.Find("[data-testid=run-link]").Closest("tr")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(expected, Spaced(page.Find("[data-testid=run-count-values]").TextContent));
        }, Wait);
        Assert.Equal(string.Format(CultureInfo.CurrentCulture, total, records.Count), page.Find("[data-testid=run-total]").TextContent.Trim());
        // The failures stand out.
        Assert.Contains("error", page.Find(".run-count[data-kind=Failed]").GetAttribute("style"), StringComparison.Ordinal);
        // The refused ticket's message, finalise step and assignment failed only because of it: the list says so, as the dashboard does.
        var caption = page.Find("[data-testid=run-failed-waiting]").TextContent.Trim();
        Assert.StartsWith("3 ", caption, StringComparison.Ordinal);
        Assert.Contains(waiting, caption, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=run-progress]"));
        // When it ended and how long it took, from its job's start: what a migration window has to hold.
        var run = (await H.Queries.GetAsync(runId, CancellationToken.None))!;
        var took = DisplayTime.Duration(run.FinishedAt!.Value - run.StartedAt!.Value);
        Assert.Equal(string.Format(CultureInfo.CurrentCulture, finished, DisplayTime.Format(run.FinishedAt.Value), took), page.Find("[data-testid=run-finished]").TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "{0:N0} to create · {1:N0} to update · {2:N0} to skip")]
    [InlineData("vi", "{0:N0} sẽ tạo mới · {1:N0} sẽ cập nhật · {2:N0} sẽ bỏ qua")]
    public async Task A_dry_run_says_what_a_real_run_would_do(string culture, string counts)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync(new RunOptions { DryRun = true });
        var page = Render<RunsPage>();

        // The site is never asked to insert, so its refusal never comes: nothing failed, nothing was created.
        var records = await H.RecordsAsync(runId);
        Assert.DoesNotContain(records, r => r.Result is RecordResult.Created or RecordResult.Updated || r.State == RecordState.Failed);
        var wouldCreate = records.Count(r => r.Result == RecordResult.WouldCreate);
        var wouldUpdate = records.Count(r => r.Result == RecordResult.WouldUpdate);
        Assert.NotEqual(0, wouldUpdate);
        var wouldSkip = records.Count(r => r.State == RecordState.Skipped);
        Assert.Equal(3, wouldSkip);
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-dry]")), Wait);
        Assert.Equal(string.Format(CultureInfo.CurrentCulture, counts, wouldCreate, wouldUpdate, wouldSkip), Spaced(page.Find("[data-testid=run-count-values]").TextContent));
    }

    [Theory]
    [InlineData("en", "Delete", "Delete run #1? Its", "Run #1 deleted.")]
    [InlineData("vi", "Xóa", "Xóa lượt nhập #1?", "Đã xóa lượt nhập #1.")]
    public async Task A_finished_run_is_deleted_from_the_list_after_the_operator_confirms(string culture, string delete, string question, string deleted)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<RunsPage>();
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-delete]")), Wait);

        page.Find("[data-testid=run-delete]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.Contains(question, dialogs.Markup, StringComparison.Ordinal), Wait);
        // What stays is said before anything goes: the documents on the site and the ledger.
        Assert.Contains("Hỗ trợ Haravan", dialogs.Markup, StringComparison.Ordinal);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim().Equals(delete, StringComparison.OrdinalIgnoreCase)).Click();

        await page.WaitForAssertionAsync(() => Assert.Empty(page.FindAll("[data-testid=run-link]")), Wait);
        await snackbars.WaitForAssertionAsync(() => Assert.Contains(deleted, snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Null(await H.Queries.GetAsync(runId, CancellationToken.None));
    }

    [Fact]
    public async Task A_working_run_cannot_be_deleted_from_the_list()
    {
        UseCulture("en");
        await H.StartTicketRunAsync(RejectedTicketCsv.Create(3, RefusedSubject));

        var page = Render<RunsPage>();

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-link]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=run-delete]"));
    }

    [Fact]
    public async Task A_working_run_shows_the_counts_its_job_pushes_with_a_progress_bar()
    {
        UseCulture("en");
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(3, RefusedSubject));
        var page = Render<RunsPage>();
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-link]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=run-progress]"));

        // What the job pushes after a batch of outcomes: nothing of it is in the database, so only the push can show it.
        var feed = H.Services.GetRequiredService<ProgressFeed<RunProgress>>();
        IReadOnlyList<StageCounts> counts = [new(RunStage.Organisations, 40, 30, 0, 2, 0), new(RunStage.Tickets, 160, 40, 10, 0, 5)];
        feed.Publish(new RunProgress(runId, RunState.Running, RunStage.Tickets, 1, counts, 4, 4, [], DateTimeOffset.UtcNow));

        await page.WaitForAssertionAsync(() => Assert.Equal("70 created · 10 updated · 2 skipped · 5 failed", Spaced(page.Find("[data-testid=run-count-values]").TextContent)), Wait);
        Assert.Equal("200 records", page.Find("[data-testid=run-total]").TextContent.Trim());
        Assert.Equal("43% done", page.Find("[data-testid=run-percent]").TextContent.Trim());
        Assert.Contains("Running", page.Find("[data-testid=run-link]").Closest("tr")!.TextContent, StringComparison.Ordinal);

        // A message that only changes the state keeps the counts shown.
        feed.Publish(new RunProgress(runId, RunState.Pausing, null, 1, [], 0, 0, [], DateTimeOffset.UtcNow));
        await page.WaitForAssertionAsync(() => Assert.Contains("Pausing", page.Find("[data-testid=run-link]").Closest("tr")!.TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("70 created · 10 updated · 2 skipped · 5 failed", Spaced(page.Find("[data-testid=run-count-values]").TextContent));
    }

    private static string Spaced(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
