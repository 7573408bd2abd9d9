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

/// <summary>From a finished run's dashboard the operator checks that the site still has what the run wrote, and has what it lost created again.</summary>
public sealed class SiteCheckPanelTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Check the site has everything", "documents this run wrote are on")]
    [InlineData("vi", "Kiểm tra trang Frappe còn đủ dữ liệu", "tài liệu lượt nhập này đã ghi đều có trên")]
    public async Task The_operator_checks_the_site_and_watches_the_check_end_with_everything_there(string culture, string open, string allThere)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var written = (await H.RecordsAsync(runId)).Count(r => r.State == RecordState.Succeeded && r.FrappeName is not null && RunChecks.Stages.Contains(r.Stage));
        Render<MudBlazor.MudPopoverProvider>();
        Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=check-open]")), Wait);
        Assert.Contains(open, page.Find("[data-testid=check-open]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=check-open]").Click();

        await page.WaitForAssertionAsync(() => Assert.Equal("running", page.Find("[data-testid=check-panel]").GetAttribute("data-state")), Wait);
        Assert.Contains(H.Jobs.Created, j => j.StartsWith("CheckRunJob.ExecuteAsync ", StringComparison.Ordinal));
        // The job runs (here, as Hangfire would): the open page follows it without being reloaded.
        await H.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, CancellationToken.None);

        await page.WaitForAssertionAsync(() => Assert.Equal("done", page.Find("[data-testid=check-panel]").GetAttribute("data-state")), Wait);
        Assert.Equal(written.ToString(CultureInfo.InvariantCulture), page.Find("[data-testid=check-done]").GetAttribute("data-count"));
        Assert.Equal("0", page.Find("[data-testid=check-missing]").GetAttribute("data-count"));
        Assert.Contains(allThere, page.Find("[data-testid=check-all-there]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Hỗ trợ Haravan", page.Find("[data-testid=check-all-there]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=check-recreate]"));
        Assert.Single(page.FindAll("[data-testid=check-again]"));
        Assert.DoesNotContain("Check.", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "are no longer on", "Create them again (2)", "handed back to the run")]
    [InlineData("vi", "không còn trên", "Tạo lại chúng (2)", "đã được giao lại cho lượt nhập")]
    public async Task A_ticket_deleted_on_the_site_is_listed_and_created_again_once_the_operator_confirms(string culture, string missing, string recreate, string handedBack)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var ticket = (await H.RecordsAsync(runId)).First(r => r.Stage == RunStage.Tickets && r.Result == RecordResult.Created);
        var subject = H.Simulator.Store.Get("HD Ticket", ticket.FrappeName!)!["subject"]!.GetValue<string>();
        var message = H.Simulator.Store.Where("Communication", c => c["reference_name"]?.GetValue<string>() == ticket.FrappeName).Single()["name"]!.GetValue<string>();
        using (var person = H.Simulator.CreateClient())
        {
            (await person.DeleteAsync($"api/resource/Communication/{message}", CancellationToken.None)).EnsureSuccessStatusCode();
            (await person.DeleteAsync($"api/resource/HD%20Ticket/{ticket.FrappeName}", CancellationToken.None)).EnsureSuccessStatusCode();
        }

        var tickets = H.Simulator.Store.Count("HD Ticket");
        Assert.True((await H.Services.GetRequiredService<RunChecks>().RequestAsync("van.hanh@haravan.example", runId, CancellationToken.None)).Succeeded);
        await H.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, CancellationToken.None);
        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        Render<MudBlazor.MudSnackbarProvider>();

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("missing", page.Find("[data-testid=check-panel]").GetAttribute("data-state")), Wait);
        Assert.Contains(missing, page.Find("[data-testid=check-some-missing]").TextContent, StringComparison.Ordinal);
        Assert.Equal(new[] { message, ticket.FrappeName }.Order(StringComparer.Ordinal), page.FindAll("[data-testid=check-line]").Select(l => l.GetAttribute("data-name")!).Order(StringComparer.Ordinal));
        Assert.Equal(["Communication", "HD Ticket"], page.FindAll("[data-testid=check-doctype]").Select(c => c.GetAttribute("data-doctype")!).Order(StringComparer.Ordinal));
        Assert.Contains(ticket.SourceKey, page.Find($"[data-testid=check-line][data-name='{ticket.FrappeName}']").TextContent, StringComparison.Ordinal);
        Assert.Contains(recreate, page.Find("[data-testid=check-recreate]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/runs/{runId}/missing-on-site.csv", page.Find("[data-testid=check-download]").GetAttribute("href"));

        page.Find("[data-testid=check-recreate]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.NotEmpty(dialogs.FindAll(".mud-message-box")), Wait);
        Assert.DoesNotContain(H.Jobs.Created, j => j.StartsWith("RecreateMissingJob.ExecuteAsync ", StringComparison.Ordinal));
        dialogs.FindAll(".mud-message-box button")[^1].Click();

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=check-recreating]")), Wait);
        Assert.Contains(handedBack, page.Find("[data-testid=check-recreating]").TextContent, StringComparison.Ordinal);
        Assert.Contains(H.Jobs.Created, j => j.StartsWith("RecreateMissingJob.ExecuteAsync ", StringComparison.Ordinal));
        await H.Services.GetRequiredService<RecreateMissingJob>().ExecuteAsync(runId, [], CancellationToken.None);
        Assert.Equal(tickets + 1, H.Simulator.Store.Count("HD Ticket"));
        var again = (await H.RecordsAsync(runId)).Single(r => r.Id == ticket.Id);
        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (again.State, again.Result));
        Assert.NotEqual(ticket.FrappeName, again.FrappeName);
        Assert.Equal(subject, H.Simulator.Store.Get("HD Ticket", again.FrappeName!)!["subject"]!.GetValue<string>());
        Assert.Single(H.Simulator.Store.Where("Communication", c => c["reference_name"]?.GetValue<string>() == again.FrappeName));
    }

    [Theory]
    [InlineData("en", "checked: all on the site", "2 missing on the site", "2 lost, made again: check again")]
    [InlineData("vi", "đã kiểm tra: đủ trên trang", "2 không còn trên trang", "2 bị mất, đã tạo lại: hãy kiểm tra lại")]
    public async Task The_runs_list_says_what_the_last_check_of_the_site_found(string culture, string allThere, string missing, string madeAgain)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var checks = H.Services.GetRequiredService<RunChecks>();
        async Task<AngleSharp.Dom.IElement> ChipAsync()
        {
            var page = Render<RunsPage>();
            await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-checked]")), Wait);
            return page.Find("[data-testid=run-checked]");
        }

        var never = Render<RunsPage>();
        await never.WaitForAssertionAsync(() => Assert.Single(never.FindAll("[data-testid=run-link]")), Wait);
        Assert.Empty(never.FindAll("[data-testid=run-checked]"));
        Assert.True((await checks.RequestAsync("van.hanh@haravan.example", runId, CancellationToken.None)).Succeeded);
        await H.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, CancellationToken.None);
        Assert.Contains(allThere, (await ChipAsync()).TextContent, StringComparison.Ordinal);

        var ticket = (await H.RecordsAsync(runId)).First(r => r.Stage == RunStage.Tickets && r.Result == RecordResult.Created).FrappeName!;
        using (var person = H.Simulator.CreateClient())
        {
            (await person.DeleteAsync($"api/resource/HD%20Ticket/{ticket}", CancellationToken.None)).EnsureSuccessStatusCode();
        }

        Assert.True((await checks.RequestAsync("van.hanh@haravan.example", runId, CancellationToken.None)).Succeeded);
        await H.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, CancellationToken.None);
        var lost = await ChipAsync();
        Assert.Contains(missing, lost.TextContent, StringComparison.Ordinal);
        // The ticket, and its message Frappe kept on no ticket.
        Assert.Equal("2", lost.GetAttribute("data-missing"));

        Assert.True((await checks.RecreateAsync("van.hanh@haravan.example", runId, CancellationToken.None)).Succeeded);
        Assert.Contains(madeAgain, (await ChipAsync()).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runs_list_follows_a_check_and_a_removal_as_their_jobs_push_them()
    {
        UseCulture("en");
        var runId = await RunWithOneRefusedTicketAsync();
        var page = Render<RunsPage>();
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-link]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=run-checked]"));

        // What the check job pushes after its first batch shows at once; its last push reads what it found.
        H.Services.GetRequiredService<ProgressFeed<RunCheckProgress>>().Publish(new RunCheckProgress(runId, 200, 100, 0, Finished: false, Error: null));
        await page.WaitForAssertionAsync(() => Assert.Contains("checking the site…", page.Find("[data-testid=run-checked]").TextContent, StringComparison.Ordinal), Wait);
        Assert.True((await H.Services.GetRequiredService<RunChecks>().RequestAsync("van.hanh@haravan.example", runId, CancellationToken.None)).Succeeded);
        await H.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, CancellationToken.None);
        await page.WaitForAssertionAsync(() => Assert.Contains("checked: all on the site", page.Find("[data-testid=run-checked]").TextContent, StringComparison.Ordinal), Wait);

        H.Services.GetRequiredService<ProgressFeed<RunRemovalProgress>>().Publish(new RunRemovalProgress(runId, 200, 10, 0, 0, Finished: false, Error: null));
        await page.WaitForAssertionAsync(() => Assert.Contains("Being taken back off the site", page.Find("[data-testid=run-removed]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=run-checked]"));
    }

    [Theory]
    [InlineData("en", "Stopped: The site no longer exists or its secret cannot be read.")]
    [InlineData("vi", "Đã dừng: Trang Frappe không còn nữa, hoặc không đọc được khoá bí mật của nó.")]
    public async Task A_check_whose_site_secret_cannot_be_read_says_so_in_the_readers_language(string culture, string said)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        // The portal's keys lost (a data folder moved without them): the secret stored for the site no longer decrypts.
        await H.InDatabaseAsync(db => db.Sites.ExecuteUpdateAsync(s => s.SetProperty(x => x.ProtectedSecret, "CfDJ8-not-a-secret-any-more")));
        Assert.True((await H.Services.GetRequiredService<RunChecks>().RequestAsync("van.hanh@haravan.example", runId, CancellationToken.None)).Succeeded);
        await H.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, CancellationToken.None);

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("stopped", page.Find("[data-testid=check-panel]").GetAttribute("data-state")), Wait);
        Assert.StartsWith(said, page.Find("[data-testid=check-error]").TextContent.Trim(), StringComparison.Ordinal);
        // What the logs and the audit read stays the English sentence.
        Assert.Equal("The site no longer exists or its secret cannot be read.", await H.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).Select(r => r.CheckError).SingleAsync()));
    }

    [Fact]
    public async Task A_dry_run_is_offered_no_check()
    {
        UseCulture("en");
        var dry = await RunWithOneRefusedTicketAsync(new RunOptions { DryRun = true });
        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, dry));
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-dry]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=check-open]"));
    }

    [Fact]
    public async Task A_viewer_is_offered_no_check()
    {
        UseCulture("en");
        var real = await RunWithOneRefusedTicketAsync();
        Auth.SetRoles(PortalRoles.Viewer);
        Auth.SetPolicies();
        var viewed = Render<RunDashboardPage>(p => p.Add(x => x.Id, real));
        await viewed.WaitForAssertionAsync(() => Assert.Single(viewed.FindAll("[data-testid=run-state]")), Wait);
        Assert.Empty(viewed.FindAll("[data-testid=check-open]"));
    }
}
