using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using ImportPortal.Components.Pages.Runs;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components.Runs;

/// <summary>The run dashboard reads the run from the database when it opens, then follows what the run's job publishes.</summary>
public sealed class RunDashboardPageTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Completed with errors", "Tickets", "Records per second (whole run)", "Too few samples", "only wait on a failed record")]
    [InlineData("vi", "Hoàn thành, có lỗi", "Phiếu hỗ trợ", "Bản ghi mỗi giây (cả lượt)", "Quá ít số liệu", "chỉ chờ một bản ghi bị lỗi")]
    public async Task The_dashboard_shows_the_state_and_the_counts_stored_for_the_run(string culture, string state, string ticketsStage, string wholeRate, string tooShort, string waiting)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var tickets = (await H.RecordsAsync(runId)).Where(r => r.Stage == RunStage.Tickets).ToList();

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("CompletedWithErrors", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        Assert.Contains(state, page.Find("[data-testid=run-state]").TextContent, StringComparison.Ordinal);
        var row = page.Find("[data-testid=stage-row][data-stage=Tickets]");
        Assert.Contains(ticketsStage, row.TextContent, StringComparison.Ordinal);
        Assert.Equal(tickets.Count(r => r.State == RecordState.Succeeded).ToString(CultureInfo.InvariantCulture), Count(row, "created"));
        Assert.Equal("1", Count(row, "failed"));
        Assert.Equal(tickets.Count.ToString(CultureInfo.InvariantCulture), Count(row, "total"));
        // The refused ticket's message, finalise step and assignment failed only because of it.
        Assert.Equal("4", page.Find("[data-testid=run-failed]").TextContent.Trim());
        Assert.Contains("(4)", page.Find("[data-testid=retry-all-failed]").TextContent, StringComparison.Ordinal);
        Assert.False(page.Find("[data-testid=retry-all-failed]").HasAttribute("disabled"));
        Assert.StartsWith("3 ", page.Find("[data-testid=run-failed-waiting]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(waiting, page.Find("[data-testid=run-failed-waiting]").TextContent, StringComparison.Ordinal);
        // Helpdesk 1.22 joins contacts through links: the memberships stage has no record and no row.
        Assert.Empty(page.FindAll("[data-testid=stage-row][data-stage=Memberships]"));
        Assert.NotEmpty(page.FindAll("[data-testid=stage-row][data-stage=Contacts]"));
        Assert.Equal("1", page.Find("[data-testid=run-progress]").GetAttribute("data-fraction"));
        // One file per source table with failures: here the tickets file, with its one failed row.
        var download = page.Find("[data-testid=download-failed]");
        Assert.Equal($"runs/{runId}/failed-rows/tickets.csv", download.GetAttribute("href"));
        Assert.Contains("\"tickets\": 1", download.TextContent, StringComparison.Ordinal);
        Assert.Equal($"runs/{runId}/id-map.csv", page.Find("[data-testid=download-idmap]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=run-pause]"));
        Assert.Empty(page.FindAll("[data-testid=run-batches]"));
        Assert.Equal($"runs/new?from={runId}", page.Find("[data-testid=run-again]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=run-for-real]"));
        // An ended run shows its average over the whole run, not the "0/s" of a run that stopped sending.
        var run = await H.Queries.GetAsync(runId, CancellationToken.None);
        Assert.EndsWith(ImportPortal.Components.Shared.DisplayTime.Duration(run!.FinishedAt!.Value - run.StartedAt!.Value), page.Find("[data-testid=run-finished]").TextContent.Trim(), StringComparison.Ordinal);
        var done = (await H.RecordsAsync(runId)).Count(r => r.State is RecordState.Succeeded or RecordState.Failed or RecordState.Skipped);
        var average = done / (run!.FinishedAt!.Value - run.StartedAt!.Value).TotalSeconds;
        Assert.Contains(wholeRate, page.Find("[data-testid=run-rate]").ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith(average.ToString("0.#", CultureInfo.CurrentCulture), page.Find("[data-testid=run-rate]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(0, average);
        Assert.Contains(tooShort, page.Find("[data-testid=throughput-none]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("State.", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Taken by no entity", "4 × notes of tickets", "2 × tickets")]
    [InlineData("vi", "Không thực thể nào nhận", "4 × notes của tickets", "2 × tickets")]
    public async Task The_spam_and_deleted_tickets_and_notes_planning_left_out_are_listed_with_why(string culture, string title, string notes, string tickets)
    {
        UseCulture(culture);
        var upload = await H.UploadAsync(ImportPortal.Tests.Unit.Mapping.FreshdeskAccountExportPresetTests.SpamAndTrashExport(), "freshdesk-export.zip");
        var profile = await H.ProfileAsync(ImportPortal.Domain.Mapping.Presets.FreshdeskAccountExportPreset.Create() with { Name = "Thùng rác" });
        var runId = await H.StartAsync(profile, new Dictionary<string, ImportPortal.Mappings.TableBinding> { ["tickets"] = new(upload, "tickets") });
        await H.ExecuteAsync(runId);

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(page.FindAll("[data-testid=run-left-out]")), Wait);
        Assert.Contains(title, page.Find("[data-testid=left-out-title]").TextContent, StringComparison.Ordinal);
        var lines = page.FindAll("[data-testid=left-out-line]");
        Assert.Equal(["4", "2"], lines.Select(l => l.GetAttribute("data-count")));
        Assert.StartsWith(notes, lines[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith(tickets, lines[1].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("spam", lines[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Validation.", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_nothing_failed_offers_no_retry_and_no_failed_rows()
    {
        UseCulture("en");
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(3, "Bình thường"));
        await H.ExecuteAsync(runId);

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("Completed", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        var retryAll = page.Find("[data-testid=retry-all-failed]");
        Assert.True(retryAll.HasAttribute("disabled"), "nothing failed: retrying all failed records has nothing to do");
        Assert.Contains("(0)", retryAll.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=download-failed]"));
        Assert.Equal("No failed row to download.", page.Find("[data-testid=download-failed-none]").TextContent.Trim());
    }

    [Fact]
    public async Task A_finished_dry_run_is_deleted_from_its_dashboard_and_the_operator_lands_on_the_runs_list()
    {
        UseCulture("en");
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(3, "Bình thường"), new RunOptions { DryRun = true });
        await H.ExecuteAsync(runId);
        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var nav = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-delete]")), Wait);
        page.Find("[data-testid=run-delete]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.Contains("Delete dry run #1?", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim().Equals("Delete", StringComparison.OrdinalIgnoreCase)).Click();

        await page.WaitForAssertionAsync(() => Assert.EndsWith("/runs", nav.Uri, StringComparison.Ordinal), Wait);
        Assert.Null(await H.Queries.GetAsync(runId, CancellationToken.None));
    }

    [Fact]
    public async Task A_run_stopped_by_an_outage_offers_resume_not_a_new_run()
    {
        UseCulture("en");
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(4, RefusedSubject));
        // Nothing but 502 pages for the run's ticket lookups, for longer than the run waits (a second here).
        H.Simulator.Faults.Add(new FrappeSimulator.Faults.FaultRule(FrappeSimulator.Faults.FaultKind.BadGateway, FrappeSimulator.Faults.FaultTarget.ForDoctype("HD Ticket", "GET")));
        await H.ExecuteAsync(runId);

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("Failed", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        Assert.Single(page.FindAll("[data-testid=run-resume]"));
        Assert.Empty(page.FindAll("[data-testid=run-again]"));
        Assert.Empty(page.FindAll("[data-testid=run-for-real]"));
    }

    [Theory]
    [InlineData("en", "The portal stopped this run on an error of its own: the portal's database refused a write", "Free space on the portal's disk if it is full")]
    [InlineData("vi", "Cổng nhập đã dừng lượt nhập này vì lỗi của chính nó: cơ sở dữ liệu của cổng nhập từ chối một lần ghi (SQLite 19", "hãy giải phóng dung lượng")]
    public async Task A_run_its_own_database_stopped_says_it_was_the_portal_and_what_to_do_until_it_runs_again(string culture, string says, string todo)
    {
        UseCulture(culture);
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(4, RefusedSubject));
        await H.InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_outcomes BEFORE UPDATE OF FrappeName ON ImportRecords WHEN NEW.FrappeName IS NOT NULL BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"));
        await H.ExecuteAsync(runId);

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("Failed", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        var error = page.Find("[data-testid=run-error]");
        Assert.Equal("true", error.GetAttribute("data-in-portal"));
        Assert.Contains(says, error.TextContent, StringComparison.Ordinal);
        Assert.Contains(todo, error.TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=run-resume]"));

        // Resumed, it runs again: the error that stopped it is no longer what it is doing.
        H.Services.GetRequiredService<ProgressFeed<RunProgress>>().Publish(Progress(runId, 1, DateTimeOffset.UtcNow));
        await page.WaitForAssertionAsync(() => Assert.Equal("Running", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        Assert.Empty(page.FindAll("[data-testid=run-error]"));
    }

    [Theory]
    [InlineData("en", "The run stopped: tickets.csv is not a CSV, Excel, JSON or ZIP file", "The run stopped: An upload bound to the run no longer exists.")]
    [InlineData("vi", "Lượt nhập đã dừng: Tệp tickets.csv không phải CSV, Excel, JSON hay ZIP", "Lượt nhập đã dừng: Một tệp tải lên gắn với lượt nhập không còn nữa.")]
    public async Task A_run_stopped_by_its_file_or_its_missing_upload_says_why_in_the_readers_language(string culture, string unreadable, string gone)
    {
        UseCulture(culture);
        // The file was replaced on the portal's disk by something no reader takes: planning stops on the source's own problem.
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(2, RefusedSubject));
        await H.SpoilTheUploadAsync();
        await H.ExecuteAsync(runId);

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Equal("Failed", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        Assert.StartsWith(unreadable, page.Find("[data-testid=run-error]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("false", page.Find("[data-testid=run-error]").GetAttribute("data-in-portal"));
        // Kept in English too, for the log and whoever reads the database.
        var stored = await H.InDatabaseAsync(db => db.ImportRuns.SingleAsync(r => r.Id == runId));
        Assert.StartsWith("tickets.csv is not a CSV, Excel, JSON or ZIP file", stored.Error, StringComparison.Ordinal);

        // Its upload deleted instead, the run says so when resumed.
        await H.InDatabaseAsync(db => db.Uploads.ExecuteDeleteAsync());
        Assert.True((await H.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        await H.ExecuteAsync(runId);
        await DisposeComponentsAsync();
        page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Equal("Failed", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        Assert.StartsWith(gone, page.Find("[data-testid=run-error]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Batches")]
    [InlineData("vi", "Theo lô")]
    public async Task A_run_started_with_batches_says_so_and_its_refused_ticket_still_fails_alone(string culture, string chip)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync(new RunOptions { Ceiling = 8, Batches = true });

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Equal("CompletedWithErrors", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        Assert.Equal(chip, page.Find("[data-testid=run-batches]").TextContent.Trim());
        Assert.Equal("1", Count(page.Find("[data-testid=stage-row][data-stage=Tickets]"), "failed"));
    }

    [Theory]
    [InlineData("en", "Running", "123")]
    [InlineData("vi", "Đang chạy", "123")]
    public async Task The_dashboard_follows_the_progress_the_job_publishes_for_its_run(string culture, string state, string created)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Equal("CompletedWithErrors", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        var feed = H.Services.GetRequiredService<ProgressFeed<RunProgress>>();
        var now = DateTimeOffset.UtcNow;

        feed.Publish(Progress(Guid.NewGuid(), 999, now));
        feed.Publish(Progress(runId, 123, now));

        await page.WaitForAssertionAsync(() => Assert.Equal("Running", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        Assert.Contains(state, page.Find("[data-testid=run-state]").TextContent, StringComparison.Ordinal);
        Assert.Equal(created, Count(page.Find("[data-testid=stage-row][data-stage=Tickets]"), "created"));
        Assert.Equal("0.25", page.Find("[data-testid=run-progress]").GetAttribute("data-fraction"));
        Assert.Equal("7", page.Find("[data-testid=run-concurrency]").GetAttribute("data-limit"));
        Assert.Equal("3", page.Find("[data-testid=throughput-chart]").GetAttribute("data-samples"));
        Assert.NotEmpty(page.FindAll("[data-testid=run-pause]"));
        Assert.NotEmpty(page.FindAll("[data-testid=run-cancel]"));
    }

    [Theory]
    [InlineData("en", "The site is not answering (502 Bad Gateway)", "2026-11-29 15:30:08")]
    [InlineData("vi", "Site không phản hồi (502 Bad Gateway)", "2026-11-29 15:30:08")]
    public async Task While_the_run_waits_for_a_site_that_stopped_answering_the_dashboard_says_why_until_when_and_what_to_do(string culture, string reason, string retryAt)
    {
        UseCulture(culture);
        var (page, feed, runId) = await EndedRunDashboardAsync();
        var now = new DateTimeOffset(2026, 11, 29, 8, 30, 0, TimeSpan.Zero);
        Assert.Empty(page.FindAll("[data-testid=run-waiting]"));

        feed.Publish(Progress(runId, 123, now) with { Waiting = new SiteWait("502 Bad Gateway", now.AddSeconds(8), now.AddMinutes(10)) });

        // Shown in the portal's zone, Asia/Ho_Chi_Minh (UTC+7).
        await page.WaitForAssertionAsync(() => Assert.Contains(reason, page.Find("[data-testid=run-waiting]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains(retryAt, page.Find("[data-testid=run-waiting]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-11-29 15:40", page.Find("[data-testid=run-waiting]").TextContent, StringComparison.Ordinal);

        feed.Publish(Progress(runId, 124, now.AddSeconds(9)));

        await page.WaitForAssertionAsync(() => Assert.Empty(page.FindAll("[data-testid=run-waiting]")), Wait);
    }

    [Theory]
    [InlineData("en", "Frappe creates at most a set number of users a minute", "the next agent goes at 2026-11-29 15:30:40")]
    [InlineData("vi", "Frappe chỉ tạo một số người dùng nhất định mỗi phút", "nhân viên tiếp theo sẽ được gửi lúc 2026-11-29 15:30:40")]
    public async Task While_agents_wait_for_frappes_user_limit_the_dashboard_says_so_and_that_nothing_needs_doing(string culture, string why, string when)
    {
        UseCulture(culture);
        var (page, feed, runId) = await EndedRunDashboardAsync();
        var now = new DateTimeOffset(2026, 11, 29, 8, 30, 0, TimeSpan.Zero);

        feed.Publish(Progress(runId, 123, now) with { Waiting = new SiteWait("Throttled", now.AddSeconds(40), now.AddSeconds(40), SiteWaitCause.UserCreationLimit) });

        await page.WaitForAssertionAsync(() => Assert.Contains(why, page.Find("[data-testid=run-waiting]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains(when, page.Find("[data-testid=run-waiting]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Portal:Runs:UserCreationsPerMinute", page.Find("[data-testid=run-waiting]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("not answering", page.Find("[data-testid=run-waiting]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// The dashboard of a run that ended with a refused ticket, and the feed its progress comes from. The caller sets the
    /// culture: one set in here would not flow back out of the await.
    /// </summary>
    private async Task<(IRenderedComponent<RunDashboardPage> Page, ProgressFeed<RunProgress> Feed, Guid RunId)> EndedRunDashboardAsync()
    {
        var runId = await RunWithOneRefusedTicketAsync();
        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Equal("CompletedWithErrors", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        return (page, H.Services.GetRequiredService<ProgressFeed<RunProgress>>(), runId);
    }

    private static RunProgress Progress(Guid runId, long created, DateTimeOffset now) =>
        new(runId, RunState.Running, RunStage.Tickets, 1,
            [new StageCounts(RunStage.Tickets, Total: created * 4, created, 0, 0, 0)], Concurrency: 7, InFlight: 5,
            [new(now.AddSeconds(-2), 10), new(now.AddSeconds(-1), 12), new(now, 15)], now);

    [Theory]
    [InlineData("en", "Outside its window now", "Choose a time between now and", "Sending by hand outside its window until", "sends until", ", then waits for its window", "Resume sends now, until the window next closes")]
    [InlineData("vi", "Hiện đang ngoài khung giờ", "Hãy chọn giờ trong khoảng từ bây giờ đến", "Đang gửi theo lệnh ngoài khung giờ đến", "gửi đến", ", rồi chờ khung giờ", "Tiếp tục để gửi ngay")]
    public async Task Outside_its_window_a_waiting_run_is_offered_to_send_only_until_a_time_and_then_shows_until_when(
        string culture, string offer, string refused, string sending, string listed, string listedEnd, string resumeSends)
    {
        UseCulture(culture);
        var vietnam = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TeamClock.Zone);
        // A window opening in three hours, for an hour: the run is planned and waits for it.
        var window = new SendWindow(TimeOnly.FromDateTime(vietnam.AddHours(3).DateTime), TimeOnly.FromDateTime(vietnam.AddHours(4).DateTime));
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(6, RefusedSubject), new RunOptions { Window = window });
        await H.ExecuteAsync(runId);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        Render<MudBlazor.MudPopoverProvider>();

        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));

        await page.WaitForAssertionAsync(() => Assert.Contains(offer, page.Find("[data-testid=run-send-until-offer]").TextContent, StringComparison.Ordinal), Wait);
        // The window's line leaves what Resume does to the offer.
        Assert.DoesNotContain(resumeSends, page.Find("[data-testid=run-window]").TextContent, StringComparison.Ordinal);
        Assert.Contains(DisplayTimeOf(window.NextOpen(DateTimeOffset.UtcNow, TeamClock.Zone)), page.Find("[data-testid=run-send-until-offer]").TextContent, StringComparison.Ordinal);
        // Offered: two hours on from this hour, before the window opens.
        Assert.Equal(vietnam.AddHours(2).ToString("HH':00'", CultureInfo.InvariantCulture), page.Find("input[data-testid=run-send-until]").GetAttribute("value"));

        page.Find("input[data-testid=run-send-until]").Change(vietnam.AddHours(3).AddMinutes(10).ToString("HH:mm", CultureInfo.InvariantCulture));
        page.Find("[data-testid=run-resume-until]").Click();
        await snackbars.WaitForAssertionAsync(() => Assert.Contains(refused, snackbars.Find(".mud-snackbar").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(RunState.Paused, await H.StateAsync(runId));

        var until = vietnam.AddHours(1);
        page.Find("input[data-testid=run-send-until]").Change(until.ToString("HH:mm", CultureInfo.InvariantCulture));
        page.Find("[data-testid=run-resume-until]").Click();

        var expected = new DateTimeOffset(until.Year, until.Month, until.Day, until.Hour, until.Minute, 0, until.Offset);
        await page.WaitForAssertionAsync(() => Assert.Contains(sending, page.Find("[data-testid=run-sends-until]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains($"{expected:yyyy-MM-dd HH:mm} (Asia/Ho_Chi_Minh)", page.Find("[data-testid=run-sends-until]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=run-send-until-offer]"));
        var run = await H.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
        Assert.Equal((RunState.Queued, expected), (run.State, run.SendsUntil));
        Assert.Equal([expected], H.Jobs.ArgumentsOf("SendWindowJob.SendUntilAsync").Select(a => (DateTimeOffset)a[1]!));
        var list = Render<RunsPage>();
        await list.WaitForAssertionAsync(() => Assert.Equal($"{listed} {expected:yyyy-MM-dd HH:mm}{listedEnd}", list.Find("[data-testid=run-sends-until]").TextContent), Wait);
    }

    [Theory]
    [InlineData("en", "sending only in its window, it ends about", "windows")]
    [InlineData("vi", "chỉ gửi trong khung giờ, sẽ xong khoảng", "khung giờ")]
    public async Task A_run_sending_only_in_its_window_says_when_it_ends_at_its_pace_and_over_how_many_windows(string culture, string ends, string windows)
    {
        UseCulture(culture);
        var vietnam = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TeamClock.Zone);
        // Open now for another hour, two hours a day.
        var window = new SendWindow(TimeOnly.FromDateTime(vietnam.AddHours(-1).DateTime), TimeOnly.FromDateTime(vietnam.AddHours(1).DateTime));
        var runId = await H.StartTicketRunAsync(RejectedTicketCsv.Create(6, RefusedSubject), new RunOptions { Window = window });
        var page = Render<RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await page.WaitForAssertionAsync(() => Assert.Equal("Queued", page.Find("[data-testid=run-state]").GetAttribute("data-state")), Wait);
        Assert.Empty(page.FindAll("[data-testid=run-eta-window]"));

        // 300,000 records left at about 12 a second: some 6.8 hours of sending, so an hour now and three more windows.
        var now = DateTimeOffset.UtcNow;
        H.Services.GetRequiredService<ProgressFeed<RunProgress>>().Publish(Progress(runId, 100_000, now));

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=run-eta-window]")), Wait);
        var line = page.Find("[data-testid=run-eta-window]");
        Assert.Equal("4", line.GetAttribute("data-windows"));
        Assert.Contains(ends, line.TextContent, StringComparison.Ordinal);
        Assert.Contains(windows, line.TextContent, StringComparison.Ordinal);
        // The fourth window opens three days on and it sends its last 48 minutes or so then.
        var finish = DateTimeOffset.Parse(line.GetAttribute("data-finish")!, CultureInfo.InvariantCulture);
        var eta = Progress(runId, 100_000, now).Eta!.Value;
        var expected = window.NextOpen(now, TeamClock.Zone).AddDays(2) + (eta - (window.NextClose(now, TeamClock.Zone) - now) - TimeSpan.FromHours(4));
        Assert.InRange(finish, expected.AddMinutes(-1), expected.AddMinutes(1));
        Assert.Contains(DisplayTimeOf(finish), line.TextContent, StringComparison.Ordinal);
    }

    private static string DisplayTimeOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TeamClock.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Count(IElement row, string which) => row.QuerySelector($"[data-count={which}]")!.TextContent.Trim();
}
