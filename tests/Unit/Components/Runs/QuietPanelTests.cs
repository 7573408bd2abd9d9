using Bunit;
using ImportPortal.Components.Pages.Runs;
using ImportPortal.Domain.Quiet;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using ImportPortal.Security;
using ImportPortal.Tests.Unit.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>The dashboard's quiet panel: what the run silenced on its site, whether it is back, and the restore for Admins.</summary>
public sealed class QuietPanelTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Putting the site back failed", "Restore site settings now", "acknowledgement e-mail", "Put back at")]
    [InlineData("vi", "Khôi phục cấu hình site thất bại", "Khôi phục cấu hình site ngay", "e-mail xác nhận đã nhận yêu cầu", "Đã khôi phục lúc")]
    public async Task An_admin_sees_a_failed_restore_with_its_reason_and_the_restore_button_puts_the_site_back(string culture, string failed, string button, string flag, string restored)
    {
        UseCulture(culture);
        Auth.SetAuthorized("quan.tri@haravan.example");
        SignInAsAdmin();
        var site = await NoisyHelpdesk.PrepareAsync(H.Simulator);
        var runId = await H.StartAccountExportRunAsync(AccountExport.Create(tickets: 5));
        site.TakeSettingsDownAtFirstTicket();
        await H.ExecuteAsync(runId);
        Render<MudBlazor.MudPopoverProvider>();

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("Restoring", page.Find("[data-testid=quiet-panel]").GetAttribute("data-phase")), Wait);
        Assert.Contains(failed, page.Find("[data-testid=quiet-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains("502", page.Find("[data-testid=quiet-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains(flag, page.Find("[data-testid=quiet-flags]").TextContent, StringComparison.Ordinal);
        Assert.Contains(NoisyHelpdesk.Rule, page.Find("[data-testid=quiet-rules]").TextContent, StringComparison.Ordinal);
        Assert.Contains(NoisyHelpdesk.Notification, page.Find("[data-testid=quiet-notifications]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.Find("[data-testid=quiet-notifications]").GetAttribute("data-count"));
        Assert.NotEmpty(page.FindAll("[data-testid=quiet-still-silenced]"));
        var restore = page.Find("[data-testid=quiet-restore]");
        Assert.Contains(button, restore.TextContent, StringComparison.Ordinal);

        H.Simulator.Faults.Clear();
        H.Simulator.Faults.Rejections.Clear();
        await restore.ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Equal("Restored", page.Find("[data-testid=quiet-panel]").GetAttribute("data-phase")), Wait);
        Assert.Contains(restored, page.Find("[data-testid=quiet-restored]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=quiet-restore]"));
        Assert.Empty(page.FindAll("[data-testid=quiet-error]"));
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.DoesNotContain("Quiet.", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "still silenced", "An Admin can put the site back")]
    [InlineData("vi", "vẫn đang bị tạm tắt thông báo", "Quản trị viên (Admin) có thể khôi phục")]
    public async Task An_operator_sees_the_site_go_back_to_silenced_live_and_is_told_an_admin_restores_it(string culture, string warning, string adminOnly)
    {
        UseCulture(culture);
        await NoisyHelpdesk.PrepareAsync(H.Simulator);
        var runId = await H.StartAccountExportRunAsync(AccountExport.Create(tickets: 3));
        await H.ExecuteAsync(runId);
        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Equal("Restored", page.Find("[data-testid=quiet-panel]").GetAttribute("data-phase")), Wait);
        var view = await H.Queries.GetAsync(runId, CancellationToken.None);

        H.Services.GetRequiredService<ProgressFeed<RunQuietChange>>().Publish(new RunQuietChange(runId, view!.Quiet! with { Phase = QuietPhase.Silenced, RestoredAt = null }));

        await page.WaitForAssertionAsync(() => Assert.Equal("Silenced", page.Find("[data-testid=quiet-panel]").GetAttribute("data-phase")), Wait);
        Assert.Contains(warning, page.Find("[data-testid=quiet-still-silenced]").TextContent, StringComparison.Ordinal);
        Assert.Contains(adminOnly, page.Find("[data-testid=quiet-admin-only]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=quiet-restore]"));
    }

    [Theory]
    [InlineData("en", "put back automatically at", "resuming it silences the helpdesk again")]
    [InlineData("vi", "tự động được khôi phục lúc", "helpdesk sẽ lại được tạm tắt thông báo")]
    public async Task A_paused_run_says_until_when_its_site_stays_quiet_and_shows_it_put_back_live_when_the_limit_passes(string culture, string until, string resumeAgain)
    {
        UseCulture(culture);
        var site = await NoisyHelpdesk.PrepareAsync(H.Simulator);
        var export = AccountExport.Create(tickets: 60);
        var runId = await H.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 2 });
        await H.PauseMidRunAsync(runId, export.Companies.Count + 5, Wait, Wait);
        var dueAt = (await H.Queries.GetAsync(runId, CancellationToken.None))!.QuietUntil ?? throw new InvalidOperationException("a quiet paused run has a time its site is put back");

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("Silenced", page.Find("[data-testid=quiet-panel]").GetAttribute("data-phase")), Wait);
        var warning = page.Find("[data-testid=quiet-paused-until]").TextContent;
        Assert.Contains(until, warning, StringComparison.Ordinal);
        Assert.Contains(ImportPortal.Components.Shared.DisplayTime.Format(dueAt), warning, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=quiet-still-silenced]"));

        await RunsHarness.UntilAsync(dueAt, CancellationToken.None);
        await H.Services.GetRequiredService<RestoreSiteJob>().AfterPauseAsync(runId, CancellationToken.None);

        await page.WaitForAssertionAsync(() => Assert.Equal("Restored", page.Find("[data-testid=quiet-panel]").GetAttribute("data-phase")), Wait);
        Assert.Contains(resumeAgain, page.Find("[data-testid=quiet-paused-restored]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=quiet-paused-until]"));
        Assert.False(site.IsQuiet(), "the limit passed: the site is back");
        Assert.DoesNotContain("Quiet.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_new_run_form_offers_to_keep_the_site_quiet_and_the_run_keeps_the_choice()
    {
        UseCulture("vi");
        var upload = await H.UploadAsync(RejectedTicketCsv.Create(2, "Bình thường"), "Tickets-quiet.csv");
        await H.Services.GetRequiredService<ProfileUploadJob>().ExecuteAsync(upload, CancellationToken.None);
        var profile = await H.ProfileAsync(ImportPortal.Domain.Mapping.Presets.FreshdeskTicketExportPreset.Create() with { Name = "Phiếu yên lặng" });
        Render<MudBlazor.MudPopoverProvider>();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"runs/new?profile={profile}&upload={upload}");

        var page = Render<NewRunPage>();

        await page.WaitForAssertionAsync(() => Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled")), Wait);
        Assert.Contains("Giữ helpdesk im lặng trong lượt nhập này", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Bật lại việc gửi e-mail khi kết thúc", page.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=run-keep-quiet]"));
        var resume = page.Find("input[data-testid=run-resume-sending], [data-testid=run-resume-sending] input");
        resume.Change(false);
        page.Find("[data-testid=run-start]").Click();

        await page.WaitForAssertionAsync(() => Assert.Equal(1, H.InDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ImportRuns)).Result), Wait);
        var options = ImportPortal.Persistence.StoredJson.Read<RunOptions>(await H.InDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ImportRuns.Select(r => r.OptionsJson))));
        Assert.True(options!.KeepQuiet);
        Assert.False(options.ResumeSending);
    }
}
