using System.Globalization;
using FrappeSimulator.Faults;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Finalise, dry run, stopping and a failing store: how a run as a whole behaves.</summary>
public sealed class ImportLoopRunTests
{
    private static void PlanClosedTicket(LoopHarness h) =>
        h.Plan(Ticket("t1", "c1", "lan@haidang.example", status: "Closed", resolutionDate: "2023-03-05 16:00:00", firstRespondedOn: "2023-03-01 10:30:00"));

    [Fact]
    public async Task Finalise_sets_the_source_status_and_then_puts_back_the_original_resolution_and_response_dates()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        PlanClosedTicket(h);

        await h.RunAsync();

        var finalise = h.Store.FinaliseOf("t1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Updated), (finalise.State, finalise.Result));
        Assert.Equal(2, finalise.Requests.Count(a => a.Request.StartsWith("PUT HD Ticket/", StringComparison.Ordinal)));
        var ticket = h.SiteStore.Get("HD Ticket", finalise.FrappeName!)!;
        Assert.Equal("Closed", ticket["status"]!.GetValue<string>());
        Assert.StartsWith("2023-03-05 16:00:00", ticket["resolution_date"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("2023-03-01 10:30:00", ticket["first_responded_on"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Opened on Friday 26 April 2024 at 17:00, first answered on Monday at 11:00, resolved on Thursday 2 May at 11:00:
    /// in the simulator's default SLA (Monday to Friday, 10:00 to 18:00, Vietnam's 30 April and 1 May off) that is
    /// 1 + 1 working hours to the first response and 1 + 8 + 0 + 0 + 1 to the resolution.
    /// </summary>
    private static MappedEntity TicketOpenedBeforeTheHolidays(string? status = "Closed")
    {
        var ticket = Ticket("t1", "c1", "lan@haidang.example", status: status, resolutionDate: "2024-05-02 11:00:00", firstRespondedOn: "2024-04-29 11:00:00");
        ticket.InsertBody["opening_date"] = "2024-04-26";
        ticket.InsertBody["opening_time"] = "17:00:00";
        ticket.InsertBody[TicketDurations.SlaStart] = "2024-04-26 17:00:00";
        return ticket;
    }

    private static (double FirstResponse, double Resolution) Times(JsonObject ticket) =>
        (double.Parse(ticket["first_response_time"]!.ToString(), CultureInfo.InvariantCulture), double.Parse(ticket["resolution_time"]!.ToString(), CultureInfo.InvariantCulture));

    [Fact]
    public async Task Finalise_puts_back_the_response_and_resolution_times_in_the_working_hours_of_the_ticket_sla()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(TicketOpenedBeforeTheHolidays());

        await h.RunAsync();

        var finalise = h.Store.FinaliseOf("t1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Updated), (finalise.State, finalise.Result));
        var ticket = h.SiteStore.Get("HD Ticket", finalise.FrappeName!)!;
        Assert.Equal((2.0 * 3600, 10.0 * 3600), Times(ticket));

        // The SLA is read once per run, and its hours are what the times are measured in.
        Assert.Single(finalise.Requests, a => a.Request == "GET HD Service Level Agreement/Default" && a.Outcome.Contains("working hours", StringComparison.Ordinal));
        Assert.Equal(2, finalise.Requests.Count(a => a.Request.StartsWith("PUT HD Ticket/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_ticket_resolved_without_a_response_counts_as_answered_when_it_was_resolved_not_on_the_migration_day()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        var ticket = TicketOpenedBeforeTheHolidays();
        ticket.FinaliseDates!.Remove("first_responded_on");
        h.Plan(ticket);

        await h.RunAsync();

        var saved = h.SiteStore.Get("HD Ticket", h.Store.FinaliseOf("t1").FrappeName!)!;
        Assert.Equal("2024-05-02 11:00:00", saved["first_responded_on"]!.GetValue<string>());
        Assert.Equal((10.0 * 3600, 10.0 * 3600), Times(saved));
    }

    [Fact]
    public async Task The_times_of_a_ticket_with_no_status_to_set_are_measured_from_the_ticket_as_read()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(TicketOpenedBeforeTheHolidays(status: null));

        await h.RunAsync();

        var finalise = h.Store.FinaliseOf("t1");
        var ticket = h.SiteStore.Get("HD Ticket", finalise.FrappeName!)!;
        Assert.Equal((2.0 * 3600, 10.0 * 3600), Times(ticket));
        Assert.Contains(finalise.Requests, a => a.Request == $"GET HD Ticket/{finalise.FrappeName}");
    }

    [Fact]
    public async Task Whether_a_ticket_was_raised_outside_working_hours_is_its_creation_s_answer_not_the_migration_s()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        // Friday 17:00: the last working hour.
        h.Plan(TicketOpenedBeforeTheHolidays());
        // Tuesday 30 April 2024 at 11:00, a holiday; still open, with only the customer's message to date it.
        var holiday = Ticket("t2", "c1", "lan@haidang.example", status: "Open") with { FinaliseDates = new JsonObject { ["last_customer_response"] = "2024-04-30 11:00:00" } };
        holiday.InsertBody["opening_date"] = "2024-04-30";
        holiday.InsertBody["opening_time"] = "11:00:00";
        holiday.InsertBody[TicketDurations.SlaStart] = "2024-04-30 11:00:00";
        h.Plan(holiday);
        // Monday 08:00, before hours, and the profile says otherwise: its word is kept.
        var mapped = Ticket("t3", "c1", "lan@haidang.example", status: "Open", firstRespondedOn: "2024-05-13 09:00:00");
        mapped.InsertBody[TicketDurations.SlaStart] = "2024-05-13 08:00:00";
        mapped.FinaliseDates![TicketDurations.RaisedOutside] = 0;
        h.Plan(mapped);

        await h.RunAsync();

        string Flag(string key) => h.SiteStore.Get("HD Ticket", h.Store.FinaliseOf(key).FrappeName!)![TicketDurations.RaisedOutside]!.ToString();
        Assert.Equal(("0", "1", "0"), (Flag("t1"), Flag("t2"), Flag("t3")));
        // One SLA read for the run, whatever each ticket needed.
        Assert.Single(new[] { "t1", "t2", "t3" }.SelectMany(k => h.Store.FinaliseOf(k).Requests), a => a.Request.StartsWith("GET HD Service Level Agreement/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_response_time_the_profile_maps_is_kept_and_an_sla_read_that_fails_is_tried_again()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        var ticket = TicketOpenedBeforeTheHolidays();
        ticket.FinaliseDates![TicketDurations.FirstResponseTime] = 900;
        h.Plan(ticket);
        h.Simulator.Faults.AddNth(FaultKind.BadGateway, 1, FaultTarget.ForDoctype("HD Service Level Agreement", "GET"));

        await h.RunAsync();

        var finalise = h.Store.FinaliseOf("t1");
        Assert.Equal(RecordState.Succeeded, finalise.State);
        var saved = h.SiteStore.Get("HD Ticket", finalise.FrappeName!)!;
        Assert.Equal((900.0, 10.0 * 3600), Times(saved));
    }

    [Fact]
    public async Task Tags_go_after_the_finalise_puts_and_a_tag_another_ticket_made_at_the_same_moment_is_found_on_the_next_send()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(TicketOpenedBeforeTheHolidays() with { Tags = new JsonObject { [TicketTags.Field] = new JsonArray("Hoá đơn", "khách VIP") } });
        // Frappe looks for the tag, then makes it: a ticket tagged at the same moment made it in between (DuplicateEntryError).
        var refused = 0;
        h.Simulator.Faults.Rejections.Add("Tag", _ => Interlocked.Increment(ref refused) == 1, "Tag Hoá đơn already exists", "DuplicateEntryError", 409);

        await h.RunAsync();

        var finalise = h.Store.FinaliseOf("t1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Updated), (finalise.State, finalise.Result));
        Assert.Equal(["DuplicateEntryError", "tagged"], finalise.Requests.Where(a => a.Request.StartsWith("POST add_tags", StringComparison.Ordinal)).Select(a => a.ExcType ?? a.Outcome));
        Assert.Equal(",Hoá đơn,khách VIP", h.SiteStore.Get("HD Ticket", finalise.FrappeName!)!["_user_tags"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dry_run_adds_no_times_it_cannot_measure()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(TicketOpenedBeforeTheHolidays());

        await h.RunAsync(LoopHarness.FastOptions with { DryRun = true });

        var finalise = h.Store.FinaliseOf("t1");
        Assert.Equal(RecordResult.WouldUpdate, finalise.Result);
        Assert.DoesNotContain(finalise.Requests, a => a.Request.Contains("Service Level", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finalise_of_a_ticket_that_was_on_the_site_before_is_skipped_when_existing_records_are_skipped()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Seed("HD Ticket", new JsonObject { ["name"] = "42", ["subject"] = "Made by hand", ["raised_by"] = "lan@haidang.example", ["status"] = "Open" });
        h.Ledger.SeedFromEarlierRun("HD Ticket", "t1", "42");
        h.Plan(Contact("c1", "lan@haidang.example"));
        PlanClosedTicket(h);

        await h.RunAsync(LoopHarness.FastOptions with { Existing = ExistingMode.Skip });

        var finalise = h.Store.FinaliseOf("t1");
        Assert.Equal((RecordState.Skipped, RecordResult.Existing, "42"), (finalise.State, finalise.Result, finalise.FrappeName));
        Assert.Equal(0, h.Puts("HD Ticket"));
        Assert.Equal("Open", h.SiteStore.Get("HD Ticket", "42")!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_to_the_site_and_says_what_it_would_do()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Seed("HD Customer", new JsonObject { ["name"] = "Shop Ánh Dương", ["customer_name"] = "Shop Ánh Dương" });
        h.Plan(Organisation("o1", "Shop Ánh Dương"));
        h.Plan(Organisation("o2", "Công ty Hải Đăng"));
        h.Plan(Contact("c1", "lan@haidang.example", "o2"));
        PlanClosedTicket(h);
        h.Plan(Reply("r1", "t1", "lan@haidang.example", "2023-03-01 10:00:00"), "t1", 1);
        var documentsBefore = h.SiteStore.CountsByDoctype();

        await h.RunAsync(LoopHarness.FastOptions with { DryRun = true });

        Assert.Equal(documentsBefore, h.SiteStore.CountsByDoctype());
        Assert.DoesNotContain(h.SiteStore.Requests.Snapshot().Keys, r => r.StartsWith("POST", StringComparison.Ordinal) || r.StartsWith("PUT", StringComparison.Ordinal));
        Assert.Equal(RecordResult.Existing, h.Store.Record(EntityKind.Organisation, "o1").Result);
        Assert.All(
            [h.Store.Record(EntityKind.Organisation, "o2"), h.Store.Record(EntityKind.Contact, "c1"), h.Store.Record(EntityKind.Ticket, "t1"), h.Store.Record(EntityKind.Reply, "r1")],
            r => Assert.Equal(RecordResult.WouldCreate, r.Result));
        Assert.Equal(RecordResult.WouldUpdate, h.Store.FinaliseOf("t1").Result);
        Assert.Equal(0, h.Ledger.Count);
    }

    [Fact]
    public async Task A_stop_request_hands_unstarted_records_back_as_pending_and_records_what_finished()
    {
        await using var h = await LoopHarness.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            h.Plan(Organisation($"o{i}", $"Cửa hàng {i}"));
        }

        var observer = new RecordingObserver();
        var pausedDuringTheFirstSend = new InterceptingSite(h.Site) { AfterInsert = _ => observer.RequestStop() };

        var finished = await h.RunAsync(LoopHarness.FastOptions with { Workers = 1 }, observer, pausedDuringTheFirstSend);

        Assert.False(finished);
        var done = Assert.Single(h.Store.All, r => r.State == RecordState.Succeeded);
        Assert.Equal(RecordResult.Created, done.Result);
        Assert.All(h.Store.All.Where(r => r != done), r => Assert.Equal(RecordState.Pending, r.State));
        Assert.Equal(1, h.SiteStore.Count("HD Customer"));
        // The stages before the organisations' (agents) had nothing to send; none after them started.
        Assert.Equal(RunStages.All.TakeWhile(s => s != RunStage.Contacts), observer.Stages);
    }

    [Fact]
    public async Task A_record_left_unknown_and_handed_back_by_a_stop_stays_unknown()
    {
        await using var h = await LoopHarness.StartAsync();
        var first = h.Plan(Organisation("o1", "Cửa hàng 1"));
        var unknown = h.Plan(Organisation("o2", "Cửa hàng 2"));
        unknown.State = RecordState.Unknown;
        var observer = new RecordingObserver();
        var pausedDuringTheFirstSend = new InterceptingSite(h.Site) { AfterInsert = _ => observer.RequestStop() };

        await h.RunAsync(LoopHarness.FastOptions with { Workers = 1 }, observer, pausedDuringTheFirstSend);

        Assert.Equal(RecordState.Succeeded, first.State);
        Assert.Equal(RecordState.Unknown, unknown.State);
    }

    [Fact]
    public async Task A_store_that_cannot_save_ends_the_run_with_its_error_instead_of_hanging()
    {
        await using var h = await LoopHarness.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            h.Plan(Organisation($"o{i}", $"Cửa hàng {i}"));
        }

        var loop = new ImportLoop(h.Site, new FailingRecordStore(h.Store), h.Ledger, DoctypeOf, new RecordingObserver(),
            LoopHarness.FastOptions with { Workers = 1, ClaimBatch = 1, FlushSize = 1 }, TimeProvider.System);

        var run = loop.RunAsync(LoopHarness.Ct);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => run.WaitAsync(TimeSpan.FromSeconds(10), LoopHarness.Ct));
        Assert.IsNotType<TimeoutException>(error);
        Assert.True(error is IOException || error.InnerException is IOException, $"the run ended with {error}");
    }
}
