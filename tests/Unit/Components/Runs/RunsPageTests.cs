using System.Globalization;
using Bunit;
using ImportPortal.Components.Pages.Runs;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>The runs list follows its runs as their jobs push progress, and reads a run again from the database when it ends.</summary>
public sealed class RunsPageTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Completed with errors", "of them only wait on a failed record")]
    [InlineData("vi", "Hoàn thành, có lỗi", "chỉ chờ một bản ghi bị lỗi")]
    public async Task A_run_started_while_the_list_is_open_appears_and_ends_there_with_its_counts(string culture, string state, string waiting)
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
        var expected = string.Format(CultureInfo.CurrentCulture, "{0:N0} / {1:N0} / 0 / 3", created, updated);
        await page.WaitForAssertionAsync(() =>
        {
            Assert.Contains(state, page.Find("[data-testid=run-link]").Closest("tr")!.TextContent, StringComparison.Ordinal);
            Assert.StartsWith(expected, page.Find("[data-testid=run-count-values]").TextContent.Trim(), StringComparison.Ordinal);
        }, Wait);
        Assert.EndsWith(records.Count.ToString("N0", CultureInfo.CurrentCulture), page.Find("[data-testid=run-count-values]").TextContent.Trim(), StringComparison.Ordinal);
        // The refused ticket's message and its finalise step failed only because of it: the list says so, as the dashboard does.
        var caption = page.Find("[data-testid=run-failed-waiting]").TextContent.Trim();
        Assert.StartsWith("2 ", caption, StringComparison.Ordinal);
        Assert.Contains(waiting, caption, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=run-progress]"));
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

        await page.WaitForAssertionAsync(() => Assert.Equal("70 / 10 / 2 / 5 of 200", page.Find("[data-testid=run-count-values]").TextContent.Trim()), Wait);
        Assert.Equal("43% done", page.Find("[data-testid=run-percent]").TextContent.Trim());
        Assert.Contains("Running", page.Find("[data-testid=run-link]").Closest("tr")!.TextContent, StringComparison.Ordinal);

        // A message that only changes the state keeps the counts shown.
        feed.Publish(new RunProgress(runId, RunState.Pausing, null, 1, [], 0, 0, [], DateTimeOffset.UtcNow));
        await page.WaitForAssertionAsync(() => Assert.Contains("Pausing", page.Find("[data-testid=run-link]").Closest("tr")!.TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("70 / 10 / 2 / 5 of 200", page.Find("[data-testid=run-count-values]").TextContent.Trim());
    }
}
