using Hangfire;
using ImportPortal.Jobs;
using ImportPortal.Domain.Migration;
using ImportPortal.Mappings;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// A run set to send from a later moment (a migration window after the team's day): planned at once, then paused
/// with its site left alone until a scheduled job starts it; resumed, cancelled or restarted by hand as any run.
/// </summary>
public sealed class SendLaterTests
{
    private const int Tickets = 6;
    private const string Job = "SendWindowJob.OpenAsync";

    [Fact]
    public async Task A_run_set_to_send_later_is_planned_then_waits_with_its_site_untouched_until_its_moment_starts_it()
    {
        await using var h = await RunsHarness.StartAsync();
        var from = DateTimeOffset.UtcNow.AddHours(3).ToOffset(TimeSpan.FromHours(7));
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(Tickets), new RunOptions { SendFrom = from });

        await h.ExecuteAsync(runId);

        var run = await h.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId));
        Assert.Equal((RunState.Paused, from.UtcDateTime), (run.State, run.WaitsUntil?.UtcDateTime));
        Assert.NotNull(run.PlannedAt);
        var records = await h.RecordsAsync(runId);
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(Domain.Migration.RecordState.Pending, r.State));
        Assert.Equal(0, h.Simulator.Store.Count("HD Ticket"));
        Assert.Equal(0, h.QuietRequests());
        var (scheduledRun, until) = ((Guid)h.Jobs.ArgumentsOf(Job).Single()[0]!, (DateTimeOffset)h.Jobs.ArgumentsOf(Job).Single()[1]!);
        Assert.Equal((runId, from.UtcDateTime), (scheduledRun, until.UtcDateTime));
        Assert.InRange(h.Jobs.ScheduledAt(Job).Single(), from.UtcDateTime.AddMinutes(-1), from.UtcDateTime.AddMinutes(1));

        await h.Services.GetRequiredService<SendWindowJob>().OpenAsync(runId, until, CancellationToken.None);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(Tickets, h.Simulator.Store.Count("HD Ticket"));
        Assert.True(h.QuietRequests() > 0, "the site is kept quiet once the run sends, not while it waits");
        Assert.Null(await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).Select(r => r.WaitsUntil).FirstAsync()));

        // The activity log says the moments on the team's clock, as the run was set.
        var stamp = $"{from:yyyy-MM-dd HH:mm} (Asia/Ho_Chi_Minh)";
        var details = await h.InDatabaseAsync(db => db.AuditEvents.Where(a => a.Action == "run.started" || a.Action == "run.waiting" || a.Action == "run.resumed")
            .OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToListAsync());
        Assert.Equal(3, details.Count);
        Assert.All(details, d => Assert.Contains($"sending from {stamp}", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resumed_by_hand_a_waiting_run_sends_now_and_its_scheduled_start_then_does_nothing()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(Tickets), new RunOptions { SendFrom = DateTimeOffset.UtcNow.AddHours(1) });
        await h.ExecuteAsync(runId);
        var until = (DateTimeOffset)h.Jobs.ArgumentsOf(Job).Single()[1]!;

        Assert.True((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        await h.ExecuteAsync(runId);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var writes = h.Writes();

        await h.Services.GetRequiredService<SendWindowJob>().OpenAsync(runId, until, CancellationToken.None);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(writes, h.Writes());
        Assert.Equal(Tickets, h.Simulator.Store.Count("HD Ticket"));
    }

    [Fact]
    public async Task A_waiting_run_cancelled_never_sends_and_a_restart_schedules_the_start_of_one_still_waiting()
    {
        await using var h = await RunsHarness.StartAsync();
        var cancelled = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(Tickets), new RunOptions { SendFrom = DateTimeOffset.UtcNow.AddHours(1) });
        await h.ExecuteAsync(cancelled);
        var (_, like) = (await h.Queries.StartedWithAsync(cancelled, CancellationToken.None))!.Value;
        var waiting = (await h.Runs.StartAsync("van.hanh", like with { Options = like.Options with { SendFrom = DateTimeOffset.UtcNow.AddHours(2) } }, CancellationToken.None)).RunId!.Value;
        await h.ExecuteAsync(waiting);

        Assert.True((await h.Runs.CancelAsync("van.hanh", cancelled, CancellationToken.None)).Succeeded);
        Assert.Equal(RunState.Cancelled, await h.StateAsync(cancelled));
        await h.Services.GetRequiredService<SendWindowJob>().OpenAsync(cancelled, (DateTimeOffset)h.Jobs.ArgumentsOf(Job)[0][1]!, CancellationToken.None);
        Assert.Equal(RunState.Cancelled, await h.StateAsync(cancelled));
        Assert.Equal(0, h.Simulator.Store.Count("HD Ticket"));

        var recovery = h.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RunRecovery>().Single();
        await recovery.StartAsync(CancellationToken.None);
        var scheduled = h.Jobs.ArgumentsOf(Job);
        Assert.Equal(3, scheduled.Count);
        Assert.Equal(waiting, (Guid)scheduled[2][0]!);
        Assert.Equal(RunState.Paused, await h.StateAsync(waiting));
    }

    [Fact]
    public async Task A_run_started_outside_its_nightly_window_waits_for_it_and_one_resumed_by_hand_sends_now()
    {
        await using var h = await RunsHarness.StartAsync();
        var window = WindowAround(DateTimeOffset.UtcNow.AddHours(3));
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(Tickets), new RunOptions { Window = window });

        await h.ExecuteAsync(runId);

        var opens = window.NextOpen(DateTimeOffset.UtcNow, Vietnam);
        var run = await h.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId));
        Assert.Equal((RunState.Paused, opens), (run.State, run.WaitsUntil));
        Assert.Equal((runId, opens), ((Guid)h.Jobs.ArgumentsOf(Job).Single()[0]!, (DateTimeOffset)h.Jobs.ArgumentsOf(Job).Single()[1]!));
        Assert.Equal((0, 0L), (h.Simulator.Store.Count("HD Ticket"), h.QuietRequests()));

        // Resumed by hand, it sends now, outside its window; the window's next close is set to pause it.
        Assert.True((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        await h.ExecuteAsync(runId);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(Tickets, h.Simulator.Store.Count("HD Ticket"));
        Assert.Equal(window.NextClose(DateTimeOffset.UtcNow, Vietnam), (DateTimeOffset)h.Jobs.ArgumentsOf(Close).Single()[1]!);
    }

    [Fact]
    public async Task When_its_window_closes_a_working_run_pauses_gives_the_site_back_and_goes_on_when_the_window_opens()
    {
        await using var h = await RunsHarness.StartAsync();
        var window = WindowAround(DateTimeOffset.UtcNow);
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(40), new RunOptions { Window = window, Ceiling = 2 });
        h.Simulator.Faults.Latency = new FrappeSimulator.Faults.LatencyProfile(20, 20);
        var job = h.ExecuteAsync(runId);
        await h.WaitForSucceededAsync(runId, 20, TimeSpan.FromSeconds(30));
        var close = (DateTimeOffset)h.Jobs.ArgumentsOf(Close).Single()[1]!;
        Assert.Equal(window.NextClose(DateTimeOffset.UtcNow, Vietnam), close);

        // The close as Hangfire would start it at that moment; the window is still open now, so the job is told it is due.
        await h.Services.GetRequiredService<SendWindowJob>().CloseAsync(runId, DateTimeOffset.UtcNow, CancellationToken.None);
        await job.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(RunState.Paused, await h.StateAsync(runId));
        h.Simulator.Faults.Latency = FrappeSimulator.Faults.LatencyProfile.None;
        var paused = await h.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId));
        Assert.NotNull(paused.WaitsUntil);
        // The opening is scheduled by the close and again by the run's own stop: the close's may be lost with a crash mid-pause.
        Assert.Equal([paused.WaitsUntil, paused.WaitsUntil], h.Jobs.ArgumentsOf(Job).Select(a => (DateTimeOffset?)a[1]));
        Assert.Contains("RestoreSiteJob.AfterWindowAsync Enqueued", h.Jobs.Created);
        await h.Services.GetRequiredService<RestoreSiteJob>().AfterWindowAsync(runId, CancellationToken.None);
        Assert.False((await h.Services.GetRequiredService<SiteQuiet>().ReadAsync(runId, CancellationToken.None))!.Pending, "the site is put back while the run waits");
        var records = await h.RecordsAsync(runId);
        Assert.InRange(records.Count(r => r.State == Domain.Migration.RecordState.Succeeded), 20, records.Count - 1);

        // The window opens again (here, now): it silences the site again and sends the rest.
        var quietBefore = h.QuietRequests();
        await h.Services.GetRequiredService<SendWindowJob>().OpenAsync(runId, paused.WaitsUntil!.Value, CancellationToken.None);
        Assert.True(h.QuietRequests() > quietBefore, "going on silences the site again");
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(40, h.Simulator.Store.Count("HD Ticket"));
        Assert.Empty(h.Simulator.Store.FindDuplicates("HD Ticket", "custom_source_id"));
    }

    [Fact]
    public async Task Resumed_by_hand_to_send_until_a_time_a_run_sends_then_gives_the_site_back_and_goes_on_when_its_window_opens()
    {
        await using var h = await RunsHarness.StartAsync();
        var window = WindowAround(DateTimeOffset.UtcNow.AddHours(3));
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(40), new RunOptions { Window = window, Ceiling = 2 });
        await h.ExecuteAsync(runId);
        var opens = window.NextOpen(DateTimeOffset.UtcNow, Vietnam);
        Assert.Equal(RunState.Paused, await h.StateAsync(runId));

        // Only before the window opens: from then it sends anyway, until the window closes.
        var refused = await h.Runs.ResumeUntilAsync("van.hanh", runId, opens.AddMinutes(10), CancellationToken.None);
        Assert.Equal(("Runs.SendUntilOutsideGap", TimeZoneInfo.ConvertTime(opens, Vietnam).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)), (refused.ErrorKey, refused.ErrorArg));
        Assert.Equal("Runs.SendUntilOutsideGap", (await h.Runs.ResumeUntilAsync("van.hanh", runId, DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None)).ErrorKey);
        Assert.Equal(RunState.Paused, await h.StateAsync(runId));

        var until = DateTimeOffset.UtcNow.AddHours(1);
        Assert.True((await h.Runs.ResumeUntilAsync("van.hanh", runId, until, CancellationToken.None)).Succeeded);
        Assert.Equal([until], h.Jobs.ArgumentsOf(SendUntil).Select(a => (DateTimeOffset)a[1]!));
        Assert.InRange(h.Jobs.ScheduledAt(SendUntil).Single(), until.UtcDateTime.AddMinutes(-1), until.UtcDateTime.AddMinutes(1));
        h.Simulator.Faults.Latency = new FrappeSimulator.Faults.LatencyProfile(20, 20);
        var job = h.ExecuteAsync(runId);
        await h.WaitForSucceededAsync(runId, 20, TimeSpan.FromSeconds(30));
        // Sending outside its window, until the chosen moment (scheduled again by the job: the job store may be lost); no close.
        Assert.Equal([until, until], h.Jobs.ArgumentsOf(SendUntil).Select(a => (DateTimeOffset)a[1]!));
        Assert.Empty(h.Jobs.ArgumentsOf(Close));

        // A moment the run no longer sends until (an earlier choice) changes nothing; its own moment pauses it.
        var send = h.Services.GetRequiredService<SendWindowJob>();
        await send.SendUntilAsync(runId, until.AddMinutes(-30), CancellationToken.None);
        Assert.Equal(RunState.Running, await h.StateAsync(runId));
        await send.SendUntilAsync(runId, until, CancellationToken.None);
        await job.WaitAsync(TimeSpan.FromSeconds(30));
        h.Simulator.Faults.Latency = FrappeSimulator.Faults.LatencyProfile.None;
        var paused = await h.InDatabaseAsync(db => db.ImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId));
        Assert.Equal((RunState.Paused, opens, (DateTimeOffset?)null, false), (paused.State, paused.WaitsUntil, paused.SendsUntil, paused.SendsNow));
        Assert.Contains("RestoreSiteJob.AfterWindowAsync Enqueued", h.Jobs.Created);
        var records = await h.RecordsAsync(runId);
        Assert.InRange(records.Count(r => r.State == Domain.Migration.RecordState.Succeeded), 20, records.Count - 1);

        // Its opening is scheduled; the window is hours away, so it is resumed by hand here to show the rest goes once.
        Assert.Equal(opens, h.Jobs.ArgumentsOf(Job).Select(a => (DateTimeOffset)a[1]!).Last());
        Assert.True((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        await h.ExecuteAsync(runId);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(40, h.Simulator.Store.Count("HD Ticket"));
        Assert.Empty(h.Simulator.Store.FindDuplicates("HD Ticket", "custom_source_id"));
    }

    [Fact]
    public async Task Sending_until_a_time_is_refused_while_the_window_is_open_and_a_plain_resume_forgets_an_earlier_choice()
    {
        await using var h = await RunsHarness.StartAsync();
        var open = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(Tickets), new RunOptions { Window = WindowAround(DateTimeOffset.UtcNow), SendFrom = DateTimeOffset.UtcNow.AddHours(1) });
        await h.ExecuteAsync(open);
        Assert.Equal("Runs.SendUntilInWindow", (await h.Runs.ResumeUntilAsync("van.hanh", open, DateTimeOffset.UtcNow.AddMinutes(30), CancellationToken.None)).ErrorKey);

        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(Tickets), new RunOptions { Window = WindowAround(DateTimeOffset.UtcNow.AddHours(3)) }, profileName: "Phiếu ban ngày");
        await h.ExecuteAsync(runId);
        var until = DateTimeOffset.UtcNow.AddHours(1);
        Assert.True((await h.Runs.ResumeUntilAsync("van.hanh", runId, until, CancellationToken.None)).Succeeded);
        Assert.True((await h.Runs.PauseAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        Assert.True((await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None)).Succeeded);
        Assert.Null(await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).Select(r => r.SendsUntil).FirstAsync()));

        // Sent now, outside its window, as any resume by hand: no moment to stop at, the window's close is set instead.
        await h.ExecuteAsync(runId);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(Tickets, h.Simulator.Store.Count("HD Ticket"));
        Assert.Single(h.Jobs.ArgumentsOf(Close));
    }

    /// <summary>A window of Vietnam's wall clock from an hour before <paramref name="middle"/> to an hour after.</summary>
    private static SendWindow WindowAround(DateTimeOffset middle)
    {
        var local = TimeZoneInfo.ConvertTime(middle, Vietnam);
        return new SendWindow(TimeOnly.FromDateTime(local.AddHours(-1).DateTime), TimeOnly.FromDateTime(local.AddHours(1).DateTime));
    }

    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "ICT", "ICT");

    private const string Close = "SendWindowJob.CloseAsync";

    private const string SendUntil = "SendWindowJob.SendUntilAsync";

    [Fact]
    public void The_scheduled_start_keeps_its_moment_exactly_through_Hangfires_job_store()
    {
        // The start finds its run by that moment (WaitsUntil == until): a moment that came back other than it went would never start it.
        var until = new DateTimeOffset(2026, 12, 2, 16, 30, 0, TimeSpan.Zero).AddTicks(1234567);
        var runId = Guid.NewGuid();
        var job = Hangfire.Common.Job.FromExpression<SendWindowJob>(j => j.OpenAsync(runId, until, CancellationToken.None));

        var back = JobStore.RoundTrip(job);

        Assert.Equal(typeof(SendWindowJob), back.Type);
        Assert.Equal(runId, back.Args[0]);
        var moment = Assert.IsType<DateTimeOffset>(back.Args[1]);
        Assert.Equal((until, TimeSpan.Zero), (moment, moment.Offset));
    }

    [Theory]
    [InlineData(-1, false, "Runs.SendFromPast")]
    [InlineData(24 * 15, false, "Runs.SendFromFar")]
    [InlineData(1, true, "Runs.SendFromDryRun")]
    public async Task A_moment_past_too_far_or_for_a_dry_run_is_refused(int hours, bool dryRun, string refusal)
    {
        await using var h = await RunsHarness.StartAsync();
        var upload = await h.UploadAsync(FreshdeskSampleWriter.TicketCsv(2), "tickets.csv");
        var profile = await h.ProfileAsync(Domain.Mapping.Presets.FreshdeskTicketExportPreset.Create());
        var request = new StartRunRequest(h.SiteId, profile, new Dictionary<string, TableBinding> { ["tickets"] = new(upload, null) },
            new RunOptions { SendFrom = DateTimeOffset.UtcNow.AddHours(hours), DryRun = dryRun });

        var result = await h.Runs.StartAsync("van.hanh", request, CancellationToken.None);

        Assert.Equal(refusal, result.ErrorKey);
        Assert.Empty(await h.InDatabaseAsync(db => db.ImportRuns.ToListAsync()));
    }
}
