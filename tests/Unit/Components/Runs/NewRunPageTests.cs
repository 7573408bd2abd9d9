using System.Globalization;
using Bunit;
using ImportPortal.Components.Pages.Runs;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>The new-run form arrives filled from a profile and an upload, and starting lands on the run's dashboard.</summary>
public sealed class NewRunPageTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Upload for \"tickets\"", "Start the run")]
    [InlineData("vi", "Tệp tải lên cho \"tickets\"", "Bắt đầu nhập")]
    public async Task A_profile_and_an_upload_from_the_query_fill_the_form_and_start_a_run(string culture, string uploadLabel, string start)
    {
        UseCulture(culture);
        var (page, nav, upload) = await OpenFormAsync("Phiếu cho lượt mới");

        await page.WaitForAssertionAsync(() => Assert.Contains(uploadLabel, page.Markup, StringComparison.Ordinal), Wait);
        // A ticket export has no agents and joins contacts by their links: those stages are not offered.
        Assert.Equal(
            ["Teams", "TicketTypes", "Organisations", "Contacts", "Tickets", "Conversations", "Finalise", "Assignments"],
            page.FindAll("[data-testid=run-stage]").Select(e => e.GetAttribute("data-stage")));
        var startButton = page.Find("[data-testid=run-start]");
        Assert.Contains(start, startButton.TextContent, StringComparison.Ordinal);
        Assert.False(startButton.HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=run-start-error]"));

        startButton.Click();

        await page.WaitForAssertionAsync(() => Assert.Matches("/runs/[0-9a-f-]{36}$", nav.Uri), Wait);
        var run = await H.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().SingleAsync());
        Assert.Equal(RunState.Queued, run.State);
        Assert.Contains(upload.ToString(), run.BindingsJson, StringComparison.Ordinal);
        Assert.Contains("\"tickets\"", run.BindingsJson, StringComparison.Ordinal);
        Assert.EndsWith(run.Id.ToString(), nav.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batches_are_off_unless_the_operator_turns_them_on_and_a_dry_run_has_none()
    {
        UseCulture("vi");
        var (page, nav, _) = await OpenFormAsync("Phiếu theo lô");
        await page.WaitForAssertionAsync(() => Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled")), Wait);

        var batches = page.Find("input[data-testid=run-batches]");
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)batches).IsChecked);
        Assert.Contains("Gửi tổ chức và phiếu mới theo lô", page.Markup, StringComparison.Ordinal);
        // A dry run writes nothing: the switch is not offered.
        page.Find("input[data-testid=run-dry-run]").Change(true);
        Assert.Empty(page.FindAll("[data-testid=run-batches]"));
        page.Find("input[data-testid=run-dry-run]").Change(false);

        page.Find("input[data-testid=run-batches]").Change(true);
        page.Find("[data-testid=run-start]").Click();

        await page.WaitForAssertionAsync(() => Assert.Matches("/runs/[0-9a-f-]{36}$", nav.Uri), Wait);
        var run = await H.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().SingleAsync());
        var options = ImportPortal.Persistence.StoredJson.Read<RunOptions>(run.OptionsJson)!;
        Assert.True(options.Batches);
        Assert.False(options.DryRun);
    }

    [Theory]
    [InlineData("en", "has passed", "Planned, waiting for its window: sending starts", "sends from")]
    [InlineData("vi", "đã qua", "Đã lập xong, đang chờ khung giờ: bắt đầu gửi lúc", "gửi từ")]
    public async Task A_run_set_to_send_later_takes_the_moment_in_Vietnams_time_and_waits_for_it_on_its_dashboard_and_in_the_list(
        string culture, string past, string waiting, string listed)
    {
        UseCulture(culture);
        var (page, nav, _) = await OpenFormAsync("Phiếu gửi đêm");
        await page.WaitForAssertionAsync(() => Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled")), Wait);
        Assert.Empty(page.FindAll("input[data-testid=run-send-from]"));

        page.Find("input[data-testid=run-send-later]").Change(true);
        // Offered: ten tonight, Vietnam's time (UTC+7).
        Assert.EndsWith("T22:00", page.Find("input[data-testid=run-send-from]").GetAttribute("value"), StringComparison.Ordinal);
        var vietnam = DateTime.UtcNow.AddHours(7);
        page.Find("input[data-testid=run-send-from]").Change(vietnam.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        page.Find("[data-testid=run-start]").Click();
        await page.WaitForAssertionAsync(() => Assert.Contains(past, page.Find("[data-testid=run-start-error]").TextContent, StringComparison.Ordinal), Wait);

        var night = vietnam.Date.AddDays(1).AddHours(23).AddMinutes(30);
        page.Find("input[data-testid=run-send-from]").Change(night.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        page.Find("[data-testid=run-start]").Click();
        await page.WaitForAssertionAsync(() => Assert.Matches("/runs/[0-9a-f-]{36}$", nav.Uri), Wait);
        var run = await H.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().SingleAsync());
        var expected = new DateTimeOffset(night.AddHours(-7), TimeSpan.Zero);
        Assert.Equal(expected, ImportPortal.Persistence.StoredJson.Read<RunOptions>(run.OptionsJson)!.SendFrom);

        await H.ExecuteAsync(run.Id);
        var dashboard = Render<RunDashboardPage>(p => p.Add(x => x.Id, run.Id));
        await dashboard.WaitForAssertionAsync(() => Assert.Contains(waiting, dashboard.Find("[data-testid=run-send-from]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains($"{night:yyyy-MM-dd HH:mm} (Asia/Ho_Chi_Minh)", dashboard.Find("[data-testid=run-send-from]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Paused", dashboard.Find("[data-testid=run-state]").GetAttribute("data-state"));
        var list = Render<RunsPage>();
        await list.WaitForAssertionAsync(() => Assert.Equal($"{listed} {night:yyyy-MM-dd HH:mm}", list.Find("[data-testid=run-send-from]").TextContent), Wait);
    }

    [Theory]
    [InlineData("en", "Sends only between 22:30 and 05:45 (Asia/Ho_Chi_Minh)", "the same time")]
    [InlineData("vi", "Chỉ gửi từ 22:30 đến 05:45 (Asia/Ho_Chi_Minh)", "cùng lúc")]
    public async Task A_nightly_window_is_taken_on_Vietnams_clock_and_shown_on_the_runs_dashboard(string culture, string shown, string empty)
    {
        UseCulture(culture);
        var (page, nav, _) = await OpenFormAsync("Phiếu khung giờ đêm");
        await page.WaitForAssertionAsync(() => Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled")), Wait);

        page.Find("input[data-testid=run-window]").Change(true);
        Assert.Equal(("22:00", "06:00"), (page.Find("input[data-testid=run-window-from]").GetAttribute("value"), page.Find("input[data-testid=run-window-until]").GetAttribute("value")));
        page.Find("input[data-testid=run-window-until]").Change("22:00");
        page.Find("[data-testid=run-start]").Click();
        await page.WaitForAssertionAsync(() => Assert.Contains(empty, page.Find("[data-testid=run-start-error]").TextContent, StringComparison.Ordinal), Wait);

        page.Find("input[data-testid=run-window-from]").Change("22:30");
        page.Find("input[data-testid=run-window-until]").Change("05:45");
        page.Find("[data-testid=run-start]").Click();
        await page.WaitForAssertionAsync(() => Assert.Matches("/runs/[0-9a-f-]{36}$", nav.Uri), Wait);
        var run = await H.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().SingleAsync());
        Assert.Equal(new Domain.Migration.SendWindow(new TimeOnly(22, 30), new TimeOnly(5, 45)), ImportPortal.Persistence.StoredJson.Read<RunOptions>(run.OptionsJson)!.Window);

        var dashboard = Render<RunDashboardPage>(p => p.Add(x => x.Id, run.Id));
        await dashboard.WaitForAssertionAsync(() => Assert.Contains(shown, dashboard.Find("[data-testid=run-window]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Theory]
    [InlineData("en", "Filled from dry run #1, this time for real", "Would create")]
    [InlineData("vi", "Đã điền sẵn theo lượt chạy thử #1, lần này nhập thật", "Sẽ tạo mới")]
    public async Task A_finished_dry_run_is_started_for_real_from_its_dashboard_with_the_same_choices(string culture, string filled, string wouldCreate)
    {
        UseCulture(culture);
        var dry = await H.StartTicketRunAsync(RejectedTicketCsv.Create(3, "Bình thường"),
            new RunOptions { DryRun = true, Ceiling = 12, Batches = true, Existing = Domain.Migration.ExistingMode.Update, KeepQuiet = false });
        await H.ExecuteAsync(dry);
        var earlier = (await H.Queries.StartedWithAsync(dry, CancellationToken.None))!.Value.Request;
        await H.Services.GetRequiredService<ProfileUploadJob>().ExecuteAsync(earlier.Bindings["tickets"].UploadId, CancellationToken.None);
        Render<MudBlazor.MudPopoverProvider>();

        var dashboard = Render<RunDashboardPage>(p => p.Add(x => x.Id, dry));
        await dashboard.WaitForAssertionAsync(() => Assert.Equal($"runs/new?from={dry}&real=true", dashboard.Find("[data-testid=run-for-real]").GetAttribute("href")), Wait);
        Assert.Empty(dashboard.FindAll("[data-testid=run-again]"));
        // Nothing was written: the counts say what a real run would do.
        Assert.Equal(wouldCreate, dashboard.Find("[data-testid=stage-created-header]").TextContent.Trim());

        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"runs/new?from={dry}&real=true");
        var page = Render<NewRunPage>();

        await page.WaitForAssertionAsync(() => Assert.Contains(filled, page.Find("[data-testid=run-from]").TextContent, StringComparison.Ordinal), Wait);
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)page.Find("input[data-testid=run-dry-run]")).IsChecked);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)page.Find("input[data-testid=run-batches]")).IsChecked);
        var start = page.Find("[data-testid=run-start]");
        Assert.False(start.HasAttribute("disabled"));
        start.Click();

        await page.WaitForAssertionAsync(() => Assert.Matches("/runs/[0-9a-f-]{36}$", nav.Uri), Wait);
        var real = Guid.Parse(nav.Uri[^36..]);
        Assert.NotEqual(dry, real);
        var again = (await H.Queries.StartedWithAsync(real, CancellationToken.None))!.Value.Request;
        Assert.Equal(earlier.SiteId, again.SiteId);
        Assert.Equal(earlier.ProfileId, again.ProfileId);
        Assert.Equal(earlier.Bindings, again.Bindings);
        Assert.Equal(earlier.Options.Stages, again.Options.Stages);
        Assert.Equal(earlier.Options with { DryRun = false, Stages = again.Options.Stages }, again.Options);
    }

    /// <summary>A ticket CSV uploaded and profiled, a profile from the preset, and the form opened for both from the query.</summary>
    [Theory]
    [InlineData("en", "has not been tested yet", "Test the site now", "This run takes care of it", "This stops the run", "1 thing(s) that stop this run", "A dry run writes nothing")]
    [InlineData("vi", "chưa được kiểm tra", "Kiểm tra trang ngay", "Lượt nhập này tự lo việc này", "Việc này chặn lượt nhập", "1 điều chặn lượt nhập này", "Chạy thử không ghi gì")]
    public async Task The_site_s_test_says_what_stops_the_run_and_what_the_run_takes_care_of_and_the_start_waits_for_it(
        string culture, string untested, string testNow, string handled, string stops, string blocked, string dry)
    {
        UseCulture(culture);
        // The site's helpdesk would acknowledge every imported ticket to its customer by e-mail.
        await H.SetAcknowledgementMailsAsync(on: true);

        var (page, nav, _) = await OpenFormAsync("Phiếu trên trang chưa kiểm tra");
        var panel = await page.WaitForElementAsync("[data-testid=run-readiness]", Wait);
        Assert.Equal("False", panel.GetAttribute("data-tested"));
        Assert.Contains(untested, page.Find("[data-testid=run-readiness-when]").TextContent, StringComparison.Ordinal);
        Assert.Contains(testNow, page.Find("[data-testid=run-readiness-test]").TextContent, StringComparison.Ordinal);

        page.Find("button[data-testid=run-readiness-test]").Click();

        await page.WaitForAssertionAsync(() => Assert.Equal("True", page.Find("[data-testid=run-readiness]").GetAttribute("data-tested")), Wait);
        Assert.NotNull(await H.Services.GetRequiredService<ImportPortal.Sites.SitePreflight>().LastReportAsync(H.SiteId, CancellationToken.None));
        // Kept quiet (the default), the run turns the mails off itself: it may start.
        Assert.Equal("HandledByQuiet", AckLine().GetAttribute("data-handling"));
        Assert.Contains(handled, AckLine().TextContent, StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled"));

        page.Find("input[data-testid=run-keep-quiet]").Change(false);
        await page.WaitForAssertionAsync(() => Assert.Equal("Blocks", AckLine().GetAttribute("data-handling")), Wait);
        Assert.Contains(stops, AckLine().TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=run-start]").HasAttribute("disabled"));
        Assert.Contains(blocked, page.Find("[data-testid=run-start-blocked]").TextContent, StringComparison.Ordinal);

        // Organisations and contacts alone meet no ticket's acknowledgement.
        string[] ticketStages = ["Tickets", "Conversations", "Finalise", "Assignments"];
        foreach (var stage in ticketStages)
        {
            page.Find($"input[data-testid=run-stage][data-stage={stage}]").Change(false);
        }

        await page.WaitForAssertionAsync(() => Assert.Equal("NotForTheseStages", AckLine().GetAttribute("data-handling")), Wait);
        Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled"));
        foreach (var stage in ticketStages)
        {
            page.Find($"input[data-testid=run-stage][data-stage={stage}]").Change(true);
        }

        await page.WaitForAssertionAsync(() => Assert.Equal("Blocks", AckLine().GetAttribute("data-handling")), Wait);

        page.Find("input[data-testid=run-dry-run]").Change(true);
        await page.WaitForAssertionAsync(() => Assert.Equal("NotForDryRun", AckLine().GetAttribute("data-handling")), Wait);
        Assert.Contains(dry, AckLine().TextContent, StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=run-start-blocked]"));

        // Turned off on the site and tested again, nothing stops a loud run any more.
        await H.SetAcknowledgementMailsAsync(on: false);

        page.Find("input[data-testid=run-dry-run]").Change(false);
        await page.WaitForElementAsync("input[data-testid=run-keep-quiet]", Wait);
        page.Find("input[data-testid=run-keep-quiet]").Change(false);
        await page.WaitForAssertionAsync(() => Assert.Equal("Blocks", AckLine().GetAttribute("data-handling")), Wait);
        page.Find("button[data-testid=run-readiness-test]").Click();
        await page.WaitForAssertionAsync(() => Assert.Empty(page.FindAll("[data-testid=run-readiness-line][data-check=ack-email]")), Wait);
        Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled"));
        page.Find("[data-testid=run-start]").Click();
        await page.WaitForAssertionAsync(() => Assert.Matches("/runs/[0-9a-f-]{36}$", nav.Uri), Wait);

        AngleSharp.Dom.IElement AckLine() => page.Find("[data-testid=run-readiness-line][data-check=ack-email]");
    }

    [Theory]
    [InlineData("en", "1 thing(s) that stop this run")]
    [InlineData("vi", "1 điều chặn lượt nhập này")]
    public async Task A_real_run_on_a_site_never_tested_tests_it_first_and_does_not_start_when_the_test_stops_it(string culture, string blocked)
    {
        UseCulture(culture);
        await H.SetAcknowledgementMailsAsync(on: true);
        var (page, nav, _) = await OpenFormAsync("Phiếu gửi thẳng");
        await page.WaitForAssertionAsync(() => Assert.Equal("False", page.Find("[data-testid=run-readiness]").GetAttribute("data-tested")), Wait);
        page.Find("input[data-testid=run-keep-quiet]").Change(false);
        await page.WaitForAssertionAsync(() => Assert.False(page.Find("input[data-testid=run-keep-quiet]").HasAttribute("checked")), Wait);
        var start = nav.Uri;

        page.Find("[data-testid=run-start]").Click();

        // Every imported ticket would have e-mailed its customer: the test ran, the run did not start.
        await page.WaitForAssertionAsync(() => Assert.Contains(blocked, page.Find("[data-testid=run-start-blocked]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Blocks", page.Find("[data-testid=run-readiness-line][data-check=ack-email]").GetAttribute("data-handling"));
        Assert.NotNull(await H.Services.GetRequiredService<ImportPortal.Sites.SitePreflight>().LastReportAsync(H.SiteId, CancellationToken.None));
        Assert.Equal(0, await H.InDatabaseAsync(db => db.ImportRuns.CountAsync()));
        Assert.Equal(start, nav.Uri);

        // Kept quiet, the same run starts (the test already there, it does not run again).
        page.Find("input[data-testid=run-keep-quiet]").Change(true);
        await page.WaitForAssertionAsync(() => Assert.False(page.Find("[data-testid=run-start]").HasAttribute("disabled")), Wait);
        page.Find("[data-testid=run-start]").Click();
        await page.WaitForAssertionAsync(() => Assert.Matches("/runs/[0-9a-f-]{36}$", nav.Uri), Wait);
        Assert.Equal(1, await H.InDatabaseAsync(db => db.ImportRuns.CountAsync()));
    }

    private async Task<(IRenderedComponent<NewRunPage> Page, NavigationManager Nav, Guid Upload)> OpenFormAsync(string profileName)
    {
        var upload = await H.UploadAsync(RejectedTicketCsv.Create(3, "Bình thường"), "Tickets-new-run.csv");
        await H.Services.GetRequiredService<ProfileUploadJob>().ExecuteAsync(upload, CancellationToken.None);
        var profile = await H.ProfileAsync(FreshdeskTicketExportPreset.Create() with { Name = profileName });
        Render<MudBlazor.MudPopoverProvider>();
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"runs/new?profile={profile}&upload={upload}");
        return (Render<NewRunPage>(), nav, upload);
    }
}
