using FrappeSimulator.Faults;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Quiet;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A run keeps a live helpdesk quiet while it writes and puts it back as it was when it ends.</summary>
public sealed class QuietRunTests
{
    private const int Tickets = 40;

    /// <summary>The rule Helpdesk gives the team the account export's run makes (fidelity-04).</summary>
    private const string NewTeamRule = "Hỗ trợ kỹ thuật - Support Rotation";

    [Fact]
    public async Task A_quiet_run_sends_no_mail_lets_no_rule_assign_a_ticket_and_puts_the_site_back_as_it_was()
    {
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        site.Watch();
        site.EnableNotificationDuringTheRun("Bật giữa chừng");
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: Tickets));

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await AssertStateAsync(h, runId, RunState.Completed);
        Assert.True(site.LoudWrites == 0, $"{site.LoudWrites} ticket writes reached the site while a flag was on or the rule enabled");
        var tickets = await RunTicketsAsync(h, runId);
        Assert.Equal(Tickets, tickets.Count);
        // No rule assigned any of them: the only assignments are the export's, each agent's own.
        var assignments = h.Simulator.Store.List("ToDo").Where(t => tickets.Contains(t["reference_name"]!.ToString())).ToList();
        Assert.NotEmpty(assignments);
        Assert.All(assignments, t => Assert.Equal((null, t["allocated_to"]!.ToString()), (t["assignment_rule"]?.ToString(), t["assigned_by"]!.ToString())));
        Assert.DoesNotContain(h.Simulator.Store.List("Email Queue"), m => m["status"]!.GetValue<string>() == "Sent");
        // Only the site's own unsent mail is left: the mail the notification enabled mid-run queued about each imported ticket is deleted.
        Assert.Equal([site.ForeignMail], h.Simulator.Store.List("Email Queue").Select(m => m["name"]!.ToString()));
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.Equal(0, site.RuleDisabled(NoisyHelpdesk.Rule));
        Assert.Equal(1, site.RuleDisabled(NoisyHelpdesk.DisabledRule));
        var quiet = await QuietAsync(h, runId);
        Assert.Equal(QuietPhase.Restored, quiet.Phase);
        Assert.Equal(Tickets, quiet.MailsDeleted);
        Assert.Contains(NoisyHelpdesk.Rule, quiet.Rules);
        // The team the run made came with its round-robin rule, enabled: disabled before the tickets, enabled again now.
        Assert.Contains(NewTeamRule, quiet.Rules);
        Assert.Equal(0, site.RuleDisabled(NewTeamRule));
        Assert.Equal("Hỗ trợ kỹ thuật", h.Simulator.Store.Get("HD Team", "Hỗ trợ kỹ thuật")?["team_name"]?.ToString());
        Assert.DoesNotContain(NoisyHelpdesk.DisabledRule, quiet.Rules);
        Assert.All(quiet.Rules, rule => Assert.Equal(0, site.RuleDisabled(rule)));
        Assert.Equal([NoisyHelpdesk.Notification], quiet.Notifications);
        Assert.Equal((1, 1), (site.NotificationEnabled(NoisyHelpdesk.Notification), site.NotificationEnabled("Bật giữa chừng")));
        Assert.Equal(2, h.Simulator.Store.Requests.Count("PUT /api/resource/Notification"));
        // The preparation's PUT, the run's one to silence and one to restore.
        Assert.Equal(3, h.Simulator.Store.Requests.Count("PUT /api/resource/HD Settings"));
        Assert.Equal("Sent", await site.ProbeSendingAsync("Sau lượt nhập"));
        Assert.Equal(["run.started", "run.site-silenced", "run.site-rules-silenced", "run.site-restored"], await AuditAsync(h));
    }

    [Fact]
    public async Task A_run_killed_after_silencing_resumes_without_a_new_snapshot_and_puts_back_the_originals()
    {
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: Tickets));
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var written = 0;
        h.Simulator.Faults.Rejections.Add("HD Ticket", ticket =>
        {
            if (Interlocked.Increment(ref written) == 15)
            {
                _ = Task.Run(() => crash.Cancel(), CancellationToken.None);
            }

            return false;
        }, "never refused");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.ExecuteAsync(runId, crash.Token).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        var silenced = await QuietAsync(h, runId);
        Assert.Equal(QuietPhase.Silenced, silenced.Phase);
        Assert.True(site.IsQuiet(), "the killed run leaves the site silenced");
        // A dead process's lease, still running for a while.
        await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, Guid.NewGuid()).SetProperty(r => r.LeaseUntil, DateTimeOffset.UtcNow.AddSeconds(2))));
        await Task.Delay(TimeSpan.FromSeconds(2.2), TestContext.Current.CancellationToken);

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await AssertStateAsync(h, runId, RunState.Completed);
        var restored = await QuietAsync(h, runId);
        Assert.Equal(QuietPhase.Restored, restored.Phase);
        Assert.Equal(silenced.SnapshotAt, restored.SnapshotAt);
        Assert.All(restored.Flags, f => Assert.True(f.WasOn, $"{f.Field}: the snapshot must hold the original (on), not the silenced value"));
        Assert.Equal(silenced.Rules, restored.Rules);
        Assert.Contains(NoisyHelpdesk.Rule, restored.Rules);
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.Equal(0, site.RuleDisabled(NoisyHelpdesk.Rule));
        Assert.Equal([site.ForeignMail], h.Simulator.Store.List("Email Queue").Select(m => m["name"]!.ToString()));
        Assert.Single(await AuditAsync(h), a => a == "run.site-silenced");
    }

    [Fact]
    public async Task A_restore_cut_short_by_a_crash_is_finished_by_the_next_job_start()
    {
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: 10));
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // The process dies while the site stores the flags going back on: the site has them, the job never hears.
        h.Simulator.Faults.Rejections.Add("HD Settings", settings =>
        {
            if (settings["send_acknowledgement_email"]?.ToString() == "1")
            {
                crash.Cancel();
            }

            return false;
        }, "never refused");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.ExecuteAsync(runId, crash.Token).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.Equal(RunState.Running, await h.StateAsync(runId));
        Assert.Equal(QuietPhase.Restoring, (await QuietAsync(h, runId)).Phase);
        Assert.Equal(1, site.RuleDisabled(NoisyHelpdesk.Rule));
        h.Simulator.Faults.Rejections.Clear();

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await AssertStateAsync(h, runId, RunState.Completed);
        Assert.Equal(QuietPhase.Restored, (await QuietAsync(h, runId)).Phase);
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.Equal(0, site.RuleDisabled(NoisyHelpdesk.Rule));
        Assert.Equal("Sent", await site.ProbeSendingAsync("Sau khi khôi phục"));
    }

    [Fact]
    public async Task A_paused_run_stays_quiet_and_cancelling_it_puts_the_site_back()
    {
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        var export = AccountExport.Create(tickets: 150);
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 4 });
        await h.PauseMidRunAsync(runId, export.Companies.Count + 20, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Paused, await h.StateAsync(runId));
        Assert.Equal(QuietPhase.Silenced, (await QuietAsync(h, runId)).Phase);
        Assert.True(site.IsQuiet(), "a paused run keeps the site silenced");
        Assert.Equal("Not Sent", await site.ProbeSendingAsync("Trong lúc tạm dừng"));

        Assert.True((await h.Runs.CancelAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        Assert.Contains("RestoreSiteJob.ExecuteAsync Enqueued", h.Jobs.Created);
        // While another restore holds the run (the long-pause one), this one waits and looks again later.
        var other = new RunLease(h.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), runId, Guid.NewGuid(), TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.True(await other.TryTakeStoppedAsync(TestContext.Current.CancellationToken));
        await h.Services.GetRequiredService<RestoreSiteJob>().ExecuteAsync(runId, CancellationToken.None);
        Assert.True(site.IsQuiet(), "the restore ran beside another one");
        Assert.Contains("RestoreSiteJob.ExecuteAsync Scheduled", h.Jobs.Created);
        await other.ReleaseAsync();
        await h.Services.GetRequiredService<RestoreSiteJob>().ExecuteAsync(runId, CancellationToken.None);

        Assert.Equal(RunState.Cancelled, await h.StateAsync(runId));
        Assert.Equal(QuietPhase.Restored, (await QuietAsync(h, runId)).Phase);
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.Equal(0, site.RuleDisabled(NoisyHelpdesk.Rule));
        // The probe's mail was not created by the run: it stays, with the site's own.
        var left = h.Simulator.Store.List("Email Queue").Where(m => m["status"]!.GetValue<string>() == "Not Sent").Select(m => m["reference_name"]!.ToString()).ToList();
        var tickets = await RunTicketsAsync(h, runId);
        Assert.DoesNotContain(left, tickets.Contains);
        Assert.Contains(NoisyHelpdesk.ForeignTicket, left);
        Assert.Equal(2, left.Count);
    }

    [Fact]
    public async Task A_run_paused_longer_than_the_limit_puts_the_site_back_stays_paused_and_resuming_silences_it_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        var export = AccountExport.Create(tickets: 150);
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 4 });
        await h.PauseMidRunAsync(runId, export.Companies.Count + 20, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), ct);

        Assert.Equal(RunState.Paused, await h.StateAsync(runId));
        Assert.True(site.IsQuiet(), "a paused run keeps the site silenced until the limit");
        Assert.Contains("RestoreSiteJob.AfterPauseAsync Scheduled", h.Jobs.Created);
        var pausedAt = await PausedAtAsync(h, runId);
        // The dashboard says until when (the harness's limit is a second).
        Assert.Equal(pausedAt + TimeSpan.FromSeconds(1), (await h.Queries.GetAsync(runId, ct))!.QuietUntil);
        var restoreJob = h.Services.GetRequiredService<RestoreSiteJob>();

        // A restart schedules the put-back again: the job store may have been lost, or the run paused before the limit existed.
        await SetPausedAtAsync(h, runId, null);
        var recovery = h.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RunRecovery>().Single();
        await recovery.StartAsync(ct);
        Assert.Equal(2, h.Jobs.Created.Count(j => j == "RestoreSiteJob.AfterPauseAsync Scheduled"));
        var stamped = await PausedAtAsync(h, runId);
        Assert.True(stamped > pausedAt, "a pause of unknown time is stamped at the restart and gets the whole limit");
        await SetPausedAtAsync(h, runId, pausedAt);

        // A job that starts before its pause is due (the run paused again since, or Hangfire's schedule kept to the
        // second) leaves the site quiet and looks again when the pause is due.
        await SetPausedAtAsync(h, runId, DateTimeOffset.UtcNow.AddHours(1));
        await restoreJob.AfterPauseAsync(runId, ct);
        Assert.True(site.IsQuiet(), "the run was paused again since: its site stays quiet until that pause's limit");
        Assert.Equal(QuietPhase.Silenced, (await QuietAsync(h, runId)).Phase);
        Assert.Equal(3, h.Jobs.Created.Count(j => j == "RestoreSiteJob.AfterPauseAsync Scheduled"));

        await SetPausedAtAsync(h, runId, pausedAt);
        await RunsHarness.UntilAsync(pausedAt + TimeSpan.FromSeconds(1), ct);
        await restoreJob.AfterPauseAsync(runId, ct);

        await AssertSitePutBackAsync(h, site, runId, RunState.Paused, "Tạm dừng quá lâu");
        // A second job for the same pause (the restart's) finds the site back already: nothing to do, nothing audited.
        await restoreJob.AfterPauseAsync(runId, ct);
        Assert.Null((await h.Queries.GetAsync(runId, ct))!.QuietUntil);

        // A resume while a restore holds the run (as this lease does) waits for it: its job looks again later.
        var restoring = new RunLease(h.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), runId, Guid.NewGuid(), TimeSpan.FromSeconds(30), TimeProvider.System);
        Assert.True(await restoring.TryTakeStoppedAsync(ct));
        var writes = h.Writes();
        Assert.True((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        await h.ExecuteAsync(runId, ct);
        Assert.Equal(RunState.Queued, await h.StateAsync(runId));
        Assert.Contains("RunImportJob.ExecuteAsync Scheduled", h.Jobs.Created);
        Assert.Equal(writes, h.Writes());
        await restoreJob.AfterPauseAsync(runId, ct);
        await restoring.ReleaseAsync();

        site.Watch();
        await h.ExecuteAsync(runId, ct);

        await AssertStateAsync(h, runId, RunState.Completed);
        Assert.True(site.LoudWrites == 0, $"{site.LoudWrites} ticket writes reached the site while a flag was on or the rule enabled");
        Assert.Equal(export.Tickets.Count, (await RunTicketsAsync(h, runId)).Count);
        Assert.Equal(QuietPhase.Restored, (await QuietAsync(h, runId)).Phase);
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.Equal(0, site.RuleDisabled(NoisyHelpdesk.Rule));
        // The run's new team brought an enabled rule: disabled before the tickets, whether the pause came before they
        // started (then the resumed run's snapshot has the rule) or after; either way it is enabled again now.
        Assert.Equal(
            ["run.started", "run.site-silenced", "run.paused", "run.site-restore-due", "run.site-restored", "run.resumed", "run.site-silenced", "run.site-restored"],
            (await AuditAsync(h)).Where(a => a != "run.site-rules-silenced"));
        Assert.Equal(0, site.RuleDisabled(NewTeamRule));
        // Why the site was put back, for the activity log: the English kept, the team's language shown.
        var due = await h.InDatabaseAsync(db => db.AuditEvents.SingleAsync(a => a.Action == "run.site-restore-due"));
        Assert.StartsWith("paused for longer than ", due.Detail, StringComparison.Ordinal);
        Assert.StartsWith("tạm dừng lâu hơn ", PortalTexts.Render(PortalTextJson.Read(due.DetailText)!, System.Globalization.CultureInfo.GetCultureInfo("vi")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_stopped_by_an_outage_puts_the_site_back_and_resuming_it_silences_the_site_again_until_it_completes()
    {
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: Tickets));
        // The site answers nothing but 502 pages to the run's ticket lookups, for longer than the run waits (a second here).
        h.Simulator.Faults.Add(new FaultRule(FaultKind.BadGateway, FaultTarget.ForDoctype("HD Ticket", "GET")));

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await AssertSitePutBackAsync(h, site, runId, RunState.Failed, "Sau lượt nhập bị dừng");
        Assert.Empty(await RunTicketsAsync(h, runId));

        h.Simulator.Faults.Clear();
        site.Watch();
        Assert.True((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await AssertStateAsync(h, runId, RunState.Completed);
        Assert.True(site.LoudWrites == 0, $"{site.LoudWrites} ticket writes reached the site while a flag was on or the rule enabled");
        Assert.Equal(Tickets, (await RunTicketsAsync(h, runId)).Count);
        Assert.Equal(QuietPhase.Restored, (await QuietAsync(h, runId)).Phase);
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.Equal(["run.started", "run.site-silenced", "run.site-rules-silenced", "run.site-restored", "run.resumed", "run.site-silenced", "run.site-restored"], await AuditAsync(h));
        Assert.Equal(0, site.RuleDisabled(NewTeamRule));
    }

    [Fact]
    public async Task A_deadlock_a_proxy_error_or_a_lost_answer_while_silencing_or_putting_back_the_site_is_waited_out_and_the_run_completes()
    {
        const string ToggleSending = "frappe.email.doctype.email_queue.email_queue.toggle_sending";
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: 10));
        // Every call that keeps the site quiet or puts it back is safe to make twice: the run makes it again.
        var faults = new[]
        {
            h.Simulator.Faults.AddNth(FaultKind.Deadlock, 1, FaultTarget.ForMethod(ToggleSending)),
            // The third call: the restore's (the second is the silence's repeat).
            h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 3, FaultTarget.ForMethod(ToggleSending)),
            h.Simulator.Faults.AddNth(FaultKind.BadGateway, 2, FaultTarget.ForDoctype("HD Settings", "PUT")),
        };

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.All(faults, f => Assert.Equal(1, h.Simulator.Faults.Hits(f)));
        await AssertStateAsync(h, runId, RunState.Completed);
        Assert.Equal(10, (await RunTicketsAsync(h, runId)).Count);
        await AssertSitePutBackAsync(h, site, runId, RunState.Completed, "Sau lượt nhập gặp lỗi tạm thời");
        Assert.Null((await QuietAsync(h, runId))!.Error);
        // Suspend, its repeat, resume, its repeat; the settings: the preparation's PUT, the run's to silence, and twice to put back.
        Assert.Equal(4, h.Simulator.Store.Requests.Count($"POST /api/method/{ToggleSending}"));
        Assert.Equal(4, h.Simulator.Store.Requests.Count("PUT /api/resource/HD Settings"));
        Assert.Equal(["run.started", "run.site-silenced", "run.site-rules-silenced", "run.site-restored"], await AuditAsync(h));
    }

    [Fact]
    public async Task A_restore_the_site_refuses_leaves_the_run_ended_with_the_error_and_the_manual_restore_puts_it_back()
    {
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        site.EnableNotificationDuringTheRun("Bật giữa chừng");
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: 10));
        site.TakeSettingsDownAtFirstTicket();

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await AssertStateAsync(h, runId, RunState.Completed);
        var view = await h.Queries.GetAsync(runId, CancellationToken.None);
        Assert.Equal(QuietPhase.Restoring, view!.Quiet!.Phase);
        Assert.False(string.IsNullOrEmpty(view.Quiet.Error), "the dashboard needs the reason");
        Assert.Contains("502", view.Quiet.Error, StringComparison.Ordinal);
        Assert.True(site.IsQuiet(), "nothing was put back");

        // The Admin waits for the answer: the site's 502s are said at once, not waited out as the run's own restore
        // does (ten minutes now; the button would be bounded by that patience, here a minute).
        h.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RunsOptions>>().Value.OutagePatience = TimeSpan.FromMinutes(10);
        using (var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            var refused = await h.Runs.RestoreSiteAsync("quan.tri", runId, bound.Token);
            Assert.Equal("Runs.RestoreFailed", refused.ErrorKey);
        }

        h.Simulator.Faults.Clear();
        h.Simulator.Faults.Rejections.Clear();
        var restored = await h.Runs.RestoreSiteAsync("quan.tri", runId, CancellationToken.None);

        Assert.True(restored.Succeeded, restored.ErrorKey + " " + restored.ErrorArg);
        var quiet = await QuietAsync(h, runId);
        Assert.Equal(QuietPhase.Restored, quiet.Phase);
        Assert.Null(quiet.Error);
        Assert.Equal(10, quiet.MailsDeleted);
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.Equal(0, site.RuleDisabled(NoisyHelpdesk.Rule));
        Assert.Equal([site.ForeignMail], h.Simulator.Store.List("Email Queue").Select(m => m["name"]!.ToString()));
        Assert.Equal("Runs.NothingToRestore", (await h.Runs.RestoreSiteAsync("quan.tri", runId, CancellationToken.None)).ErrorKey);
        var audit = await AuditAsync(h);
        Assert.Equal(["run.started", "run.site-silenced", "run.site-rules-silenced", "run.site-restore-failed", "run.site-restore-asked", "run.site-restore-failed", "run.site-restore-asked", "run.site-restored"], audit);
        Assert.Equal(0, site.RuleDisabled(NewTeamRule));
    }

    [Fact]
    public async Task With_the_option_off_the_run_leaves_the_site_settings_alone_and_the_site_mails_and_assigns()
    {
        await using var h = await RunsHarness.StartAsync();
        var site = await NoisyHelpdesk.PrepareAsync(h.Simulator);
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: 10), new RunOptions { Ceiling = 8, KeepQuiet = false });
        var before = h.QuietRequests();

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await AssertStateAsync(h, runId, RunState.Completed);
        Assert.Equal(before, h.QuietRequests());
        Assert.Null(await QuietAsync(h, runId, allowNone: true));
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        var tickets = await RunTicketsAsync(h, runId);
        // What the option prevents: mail to the customers and tickets handed to the agent.
        Assert.Contains(h.Simulator.Store.List("Email Queue"), m => m["status"]!.GetValue<string>() == "Sent" && tickets.Contains(m["reference_name"]!.ToString()));
        Assert.Contains(h.Simulator.Store.List("ToDo"), t => tickets.Contains(t["reference_name"]!.ToString()));
        Assert.Equal("Runs.NothingToRestore", (await h.Runs.RestoreSiteAsync("quan.tri", runId, CancellationToken.None)).ErrorKey);
    }

    [Fact]
    public async Task A_dry_run_touches_no_site_setting()
    {
        await using var h = await RunsHarness.StartAsync();
        await NoisyHelpdesk.PrepareAsync(h.Simulator);
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: 5), new RunOptions { Ceiling = 8, DryRun = true });
        var before = h.QuietRequests();

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await AssertStateAsync(h, runId, RunState.Completed);
        Assert.Equal(before, h.QuietRequests());
        Assert.Null(await QuietAsync(h, runId, allowNone: true));
    }

    /// <summary>The run is <paramref name="state"/> and its site as it was: flags, rule, and mail going out again.</summary>
    private static async Task AssertSitePutBackAsync(RunsHarness h, NoisyHelpdesk site, Guid runId, RunState state, string probe)
    {
        Assert.Equal(state, await h.StateAsync(runId));
        Assert.Equal(QuietPhase.Restored, (await QuietAsync(h, runId)).Phase);
        Assert.False(site.IsQuiet(), $"a {state} run left the helpdesk silenced");
        Assert.Equal([1, 1, 1], NoisyHelpdesk.Flags(site.Settings()));
        Assert.Equal(0, site.RuleDisabled(NoisyHelpdesk.Rule));
        Assert.Equal("Sent", await site.ProbeSendingAsync(probe));
    }

    private static async Task AssertStateAsync(RunsHarness h, Guid runId, RunState expected)
    {
        var run = await h.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId));
        Assert.True(run.State == expected, $"the run should be {expected}, it is {run.State}: {run.Error}");
    }

    private static async Task<SiteQuietState?> QuietAsync(RunsHarness h, Guid runId, bool allowNone = false)
    {
        var json = await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).Select(r => r.QuietJson).FirstAsync());
        var state = StoredJson.Read<SiteQuietState>(json);
        Assert.True(allowNone || state is not null, "the run should have kept what it silenced");
        return state;
    }

    private static async Task<SiteQuietState> QuietAsync(RunsHarness h, Guid runId) => (await QuietAsync(h, runId, allowNone: false))!;

    private static Task<DateTimeOffset> PausedAtAsync(RunsHarness h, Guid runId) =>
        h.InDatabaseAsync(async db => (await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.PausedAt).FirstAsync())
            ?? throw new InvalidOperationException("a paused run has no pause time"));

    private static Task<int> SetPausedAtAsync(RunsHarness h, Guid runId, DateTimeOffset? at) =>
        h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.PausedAt, at)));

    private static async Task<HashSet<string>> RunTicketsAsync(RunsHarness h, Guid runId) =>
        [.. await h.InDatabaseAsync(db => db.IdMap.Where(e => e.FirstRunId == runId && e.Doctype == "HD Ticket").Select(e => e.FrappeName).ToListAsync())];

    private static Task<List<string>> AuditAsync(RunsHarness h) =>
        h.InDatabaseAsync(db => db.AuditEvents.Where(a => a.Action.StartsWith("run.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
