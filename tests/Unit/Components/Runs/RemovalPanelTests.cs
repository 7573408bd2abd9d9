using System.Globalization;
using Bunit;
using ImportPortal.Components.Pages.Runs;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using ImportPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>From a finished run's dashboard the operator takes it back off its site: asked with the site's name typed in, then followed live.</summary>
public sealed class RemovalPanelTests : RunPagesTest
{
    private const string ConfirmSite = "input[data-testid=removal-confirm-site], [data-testid=removal-confirm-site] input";

    [Theory]
    [InlineData("en", "Remove what it created", "Type the site's name to confirm", "deleted", "Everything the run created is gone from")]
    [InlineData("vi", "Gỡ những gì lượt này đã tạo", "Gõ tên trang để xác nhận", "Đã xóa", "Mọi thứ lượt nhập đã tạo đã được xóa khỏi")]
    public async Task The_operator_types_the_site_name_and_watches_every_created_document_go(string culture, string open, string typeSite, string removed, string allGone)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var created = (await H.RecordsAsync(runId)).Count(r => r.Result == RecordResult.Created);
        var tickets = H.Simulator.Store.Count("HD Ticket");
        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=removal-open]")), Wait);
        Assert.Contains(open, page.Find("[data-testid=removal-open]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"({created})", page.Find("[data-testid=removal-open]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=removal-open]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.Single(dialogs.FindAll("[data-testid=removal-dialog]")), Wait);
        // What goes, by doctype, before anything goes; and nothing goes until the site is named.
        var doctypes = dialogs.FindAll("[data-testid=removal-doctype]").ToDictionary(r => r.GetAttribute("data-doctype")!, r => r.Children[1].TextContent);
        Assert.Equal("6", doctypes["HD Ticket"]);
        Assert.Contains(typeSite, dialogs.Markup, StringComparison.Ordinal);
        Assert.True(dialogs.Find("[data-testid=removal-start]").HasAttribute("disabled"));
        dialogs.Find(ConfirmSite).Input("Trang khác");
        Assert.True(dialogs.Find("[data-testid=removal-start]").HasAttribute("disabled"));
        dialogs.Find(ConfirmSite).Input("  hỗ trợ haravan ");
        await dialogs.WaitForAssertionAsync(() => Assert.False(dialogs.Find("[data-testid=removal-start]").HasAttribute("disabled")), Wait);
        dialogs.Find("[data-testid=removal-start]").Click();

        await page.WaitForAssertionAsync(() => Assert.Equal("running", page.Find("[data-testid=removal-panel]").GetAttribute("data-state")), Wait);
        Assert.Contains(H.Jobs.Created, j => j.StartsWith("RemoveRunJob.ExecuteAsync ", StringComparison.Ordinal));
        Assert.Equal(tickets, H.Simulator.Store.Count("HD Ticket"));
        // The job runs (here, as Hangfire would): the open page follows it without being reloaded.
        await H.Services.GetRequiredService<RemoveRunJob>().ExecuteAsync(runId, CancellationToken.None);

        await page.WaitForAssertionAsync(() => Assert.Equal("done", page.Find("[data-testid=removal-panel]").GetAttribute("data-state")), Wait);
        Assert.Equal(created.ToString(CultureInfo.InvariantCulture), page.Find("[data-testid=removal-removed]").GetAttribute("data-count"));
        Assert.Contains(removed, page.Find("[data-testid=removal-removed]").TextContent, StringComparison.Ordinal);
        Assert.Contains(allGone, page.Find("[data-testid=removal-done]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Hỗ trợ Haravan", page.Find("[data-testid=removal-done]").TextContent, StringComparison.Ordinal);
        Assert.Equal(tickets - 6, H.Simulator.Store.Count("HD Ticket"));
        Assert.Empty(page.FindAll("[data-testid=removal-again]"));
        Assert.Empty(page.FindAll("[data-testid=removal-open]"));
    }

    [Theory]
    [InlineData("en", "Changed since the run (lan.nguyen@haravan.vn")]
    [InlineData("vi", "Đã bị thay đổi sau lượt nhập (lan.nguyen@haravan.vn")]
    public async Task A_ticket_an_agent_changed_is_listed_with_why_it_stays_and_can_be_asked_for_again(string culture, string why)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var ticket = (await H.RecordsAsync(runId)).First(r => r.Stage == RunStage.Tickets && r.Result == RecordResult.Created).FrappeName!;
        var edited = H.Simulator.Store.Get("HD Ticket", ticket)!.DeepClone().AsObject();
        edited["modified_by"] = "lan.nguyen@haravan.vn";
        H.Simulator.Seed("HD Ticket", edited);
        Assert.True((await H.Services.GetRequiredService<RunRemovals>().RequestAsync("van.hanh@haravan.example", runId, false, CancellationToken.None)).Succeeded);
        await H.Services.GetRequiredService<RemoveRunJob>().ExecuteAsync(runId, CancellationToken.None);

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=removal-some-left]")), Wait);
        var line = page.FindAll("[data-testid=removal-line]").Single(l => l.GetAttribute("data-name") == ticket);
        Assert.Equal("ChangedSince", line.GetAttribute("data-reason"));
        Assert.Contains(why, line.TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=removal-again]"));
        Assert.DoesNotContain("Removal.", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Stopped:", "then ask again")]
    [InlineData("vi", "Đã dừng:", "rồi yêu cầu lại")]
    public async Task A_removal_the_site_stopped_says_why_and_what_to_do_and_offers_to_ask_again(string culture, string stopped, string next)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        H.Simulator.Faults.AddShare(FrappeSimulator.Faults.FaultKind.ConnectionReset, 1.0, FrappeSimulator.Faults.FaultTarget.ForDoctype("HD Ticket", "DELETE"));
        Assert.True((await H.Services.GetRequiredService<RunRemovals>().RequestAsync("van.hanh@haravan.example", runId, false, CancellationToken.None)).Succeeded);
        await H.Services.GetRequiredService<RemoveRunJob>().ExecuteAsync(runId, CancellationToken.None);

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("stopped", page.Find("[data-testid=removal-panel]").GetAttribute("data-state")), Wait);
        var error = page.Find("[data-testid=removal-error]").TextContent;
        Assert.Contains(stopped, error, StringComparison.Ordinal);
        Assert.Contains(next, error, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=removal-again]"));
        Assert.NotEqual("0", page.Find("[data-testid=removal-removed]").GetAttribute("data-count"));
    }

    [Theory]
    [InlineData("en", "taken back off the site")]
    [InlineData("vi", "khỏi trang Frappe")]
    public async Task The_runs_list_says_which_run_was_taken_back_off_its_site(string culture, string takenBack)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var removed = (await H.RecordsAsync(runId)).Count(r => r.Result == RecordResult.Created);
        var before = Render<RunsPage>();
        await before.WaitForAssertionAsync(() => Assert.Single(before.FindAll("[data-testid=run-link]")), Wait);
        Assert.Empty(before.FindAll("[data-testid=run-removed]"));
        Assert.True((await H.Services.GetRequiredService<RunRemovals>().RequestAsync("van.hanh@haravan.example", runId, false, CancellationToken.None)).Succeeded);
        await H.Services.GetRequiredService<RemoveRunJob>().ExecuteAsync(runId, CancellationToken.None);

        var page = Render<RunsPage>();

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-removed]")), Wait);
        Assert.Equal(removed.ToString(CultureInfo.InvariantCulture), page.Find("[data-testid=run-removed]").GetAttribute("data-count"));
        Assert.Contains(takenBack, page.Find("[data-testid=run-removed]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_is_offered_no_removal()
    {
        UseCulture("en");
        var dry = await RunWithOneRefusedTicketAsync(new RunOptions { DryRun = true });

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, dry));

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-dry]")), Wait);
        Assert.Single(page.FindAll("[data-testid=run-for-real]"));
        Assert.Empty(page.FindAll("[data-testid=removal-open]"));
    }

    [Fact]
    public async Task A_viewer_is_offered_no_removal()
    {
        UseCulture("en");
        var real = await RunWithOneRefusedTicketAsync();
        Auth.SetRoles(PortalRoles.Viewer);
        Auth.SetPolicies();
        var viewed = Render<RunDashboardPage>(p => p.Add(x => x.Id, real));
        await viewed.WaitForAssertionAsync(() => Assert.Single(viewed.FindAll("[data-testid=run-state]")), Wait);
        Assert.Empty(viewed.FindAll("[data-testid=removal-open]"));
        Assert.NotEmpty(await H.InDatabaseAsync(db => db.ImportRecords.Where(r => r.RunId == real && r.Result == RecordResult.Created).ToListAsync()));
    }
}
