using Bunit;
using ImportPortal.Components.Layout;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>A run that ends while the operator works elsewhere in the portal is announced there, with a way to open it.</summary>
public sealed class RunFinishedNoticeTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Run #1 on Hỗ trợ Haravan ended: Completed with errors, 4 record(s) failed, 3 of them only because a record they need failed", "Open")]
    [InlineData("vi", "Lượt nhập #1 vào Hỗ trợ Haravan đã kết thúc: Hoàn thành, có lỗi, 4 bản ghi lỗi, trong đó 3 bản ghi lỗi chỉ vì một bản ghi mà chúng cần bị lỗi", "Mở")]
    public async Task A_run_that_ends_while_the_operator_is_on_another_page_is_announced_with_a_way_to_open_it(string culture, string notice, string open)
    {
        UseCulture(culture);
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("uploads");
        var snackbars = Render<MudSnackbarProvider>();
        Render<RunFinishedNotice>();

        // The job runs and publishes its progress as it does in the portal: running, then ended. The refused ticket, its
        // message, its finalise step and its assignment are the four failed records.
        var runId = await RunWithOneRefusedTicketAsync();

        await snackbars.WaitForAssertionAsync(() => Assert.Contains(notice, snackbars.Markup, StringComparison.Ordinal), Wait);
        snackbars.FindAll("button").Single(b => b.TextContent.Trim().Equals(open, StringComparison.OrdinalIgnoreCase)).Click();
        Assert.EndsWith($"/runs/{runId}", nav.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task There_is_no_notice_on_the_run_s_own_dashboard_nor_for_a_run_never_seen_working()
    {
        UseCulture("en");
        var runId = await RunWithOneRefusedTicketAsync();
        var nav = Services.GetRequiredService<NavigationManager>();
        var feed = H.Services.GetRequiredService<ProgressFeed<RunProgress>>();
        var snackbars = Render<MudSnackbarProvider>();
        Render<RunFinishedNotice>();

        // Seen only once it had ended (the page opened after the end): its dashboard and the runs list say so.
        nav.NavigateTo("uploads");
        feed.Publish(Progress(runId, RunState.CompletedWithErrors));
        // Seen working and ending, on its own dashboard, which shows the end itself.
        nav.NavigateTo($"runs/{runId}");
        feed.Publish(Progress(runId, RunState.Running));
        feed.Publish(Progress(runId, RunState.CompletedWithErrors));
        // The same on another page: announced. Also what shows that the two above would have been seen.
        nav.NavigateTo("runs");
        feed.Publish(Progress(runId, RunState.Running));
        feed.Publish(Progress(runId, RunState.Completed));

        // Notices of one run share a key, so an earlier wrong one would have kept this one out.
        await snackbars.WaitForAssertionAsync(() => Assert.Contains("Run #1 on Hỗ trợ Haravan ended: Completed, 4 record(s) failed, 3 of them", snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Single(snackbars.FindAll(".mud-snackbar"));
        Assert.DoesNotContain("Completed with errors", snackbars.Markup, StringComparison.Ordinal);
    }

    private static RunProgress Progress(Guid runId, RunState state) => new(runId, state, null, 1, [], 0, 0, [], DateTimeOffset.UtcNow);
}
