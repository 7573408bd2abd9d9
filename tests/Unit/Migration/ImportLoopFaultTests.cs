using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Preflight;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Outcome rules on what Frappe said, and sends of unknown fate looked up before anything is sent again.</summary>
public sealed class ImportLoopFaultTests
{
    private static FaultTarget Posts(string doctype) => FaultTarget.ForDoctype(doctype, "POST");

    [Fact]
    public async Task A_417_data_error_fails_at_once_with_exc_type_and_message_and_is_not_retried()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        var ticket = Ticket("t1", "c1", "lan@haidang.example");
        ticket.InsertBody["subject"] = new string('x', 141);
        h.Plan(ticket);

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Ticket, "t1");
        Assert.Equal(RecordState.Failed, record.State);
        Assert.Equal(new RecordError(RecordErrorKind.Data, record.Error!.Message, 417, "CharacterLengthExceededError"), record.Error);
        Assert.Contains("will get truncated", record.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Posts("HD Ticket"));
    }

    [Fact]
    public async Task A_deadlock_500_is_sent_again_and_the_record_succeeds()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.Deadlock, 1, Posts("HD Customer"));
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Organisation, "o1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (record.State, record.Result));
        Assert.Contains(record.Requests, a => a.ExcType == "QueryDeadlockError" && a.HttpStatus == 500);
        Assert.Equal(2, h.Posts("HD Customer"));
        Assert.Equal(1, h.SiteStore.Count("HD Customer"));
    }

    [Fact]
    public async Task Unknown_send_is_looked_up_by_external_id_instead_of_posting_twice()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, Posts("HD Ticket"));
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example", externalId: true));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Ticket, "t1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (record.State, record.Result));
        var onSite = Assert.Single(h.SiteStore.List("HD Ticket"));
        Assert.Equal(onSite["name"]!.GetValue<string>(), record.FrappeName);
        Assert.Equal(1, h.Posts("HD Ticket"));
        Assert.Equal(new LedgerHit(record.FrappeName!, true, true), h.Ledger.Get("HD Ticket", "t1"));
    }

    [Fact]
    public async Task Unknown_send_of_an_organisation_is_looked_up_by_its_name_and_adopted_as_created()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, Posts("HD Customer"));
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Organisation, "o1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Created, "Công ty Hải Đăng"), (record.State, record.Result, record.FrappeName));
        Assert.Equal(1, h.SiteStore.Count("HD Customer"));
        Assert.Equal(1, h.Posts("HD Customer"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Unknown_send_of_a_contact_without_an_e_mail_is_looked_up_by_its_number_and_adopted_as_created(bool mobile)
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, Posts("Contact"));
        h.Plan(Caller("0903 123 456", mobile));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Contact, "0903 123 456");
        var onSite = Assert.Single(h.SiteStore.List("Contact"), c => c["first_name"]?.GetValue<string>() == "Khách 0903 123 456");
        Assert.Equal((RecordState.Succeeded, RecordResult.Created, onSite["name"]!.GetValue<string>()), (record.State, record.Result, record.FrappeName));
        Assert.Equal(1, h.Posts("Contact"));
    }

    [Fact]
    public async Task Unknown_send_of_a_contact_known_by_name_only_is_looked_up_by_its_key_in_the_external_id_and_adopted_as_created()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, Posts("Contact"));
        h.Plan(NameOnly("43000123456", "Đỗ Thị Thu"));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Contact, "43000123456");
        var onSite = Assert.Single(h.SiteStore.List("Contact"), c => c["first_name"]?.GetValue<string>() == "Đỗ Thị Thu");
        Assert.Equal((RecordState.Succeeded, RecordResult.Created, onSite["name"]!.GetValue<string>()), (record.State, record.Result, record.FrappeName));
        Assert.Equal("43000123456", onSite[ExternalIdFields.Fieldname]?.GetValue<string>());
        Assert.Equal(1, h.Posts("Contact"));
    }

    [Fact]
    public async Task Unknown_send_of_a_contact_known_by_name_only_without_an_external_id_fails_as_unverifiable_and_is_not_sent_again()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, Posts("Contact"));
        h.Plan(NameOnly("43000123456", "Đỗ Thị Thu", externalId: false));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Contact, "43000123456");
        Assert.Equal((RecordState.Failed, RecordErrorKind.UnknownFate, RecordTexts.CannotVerify), (record.State, record.Error?.Kind, record.Error?.Text?.Key));
        Assert.Equal(1, h.Posts("Contact"));
        Assert.Single(h.SiteStore.List("Contact"), c => c["first_name"]?.GetValue<string>() == "Đỗ Thị Thu");
    }

    [Fact]
    public async Task Unknown_sends_of_an_agent_s_user_and_hd_agent_are_looked_up_by_e_mail_and_adopted_as_created()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, Posts("User"));
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, Posts("HD Agent"));
        h.Plan(AgentUser("hong.pham@haravan.vn", "Phạm Thị Hồng"));
        h.Plan(Agent("hong.pham@haravan.vn", "Phạm Thị Hồng"));

        await h.RunAsync();

        foreach (var (entity, doctype) in new[] { (EntityKind.User, "User"), (EntityKind.Agent, "HD Agent") })
        {
            var record = h.Store.Record(entity, "hong.pham@haravan.vn");
            Assert.Equal((RecordState.Succeeded, RecordResult.Created, "hong.pham@haravan.vn"), (record.State, record.Result, record.FrappeName));
            Assert.Equal(1, h.Posts(doctype));
            Assert.Single(h.SiteStore.List(doctype), d => d["name"]?.GetValue<string>() == "hong.pham@haravan.vn");
        }
    }

    [Fact]
    public async Task Unknown_send_of_a_ticket_without_an_external_id_field_fails_as_unknown_fate_and_is_not_sent_again()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, Posts("HD Ticket"));
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example"));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Ticket, "t1");
        Assert.Equal((RecordState.Failed, RecordErrorKind.UnknownFate), (record.State, record.Error?.Kind));
        Assert.Equal(1, h.Posts("HD Ticket"));
        Assert.Equal(1, h.SiteStore.Count("HD Ticket"));
    }

    [Fact]
    public async Task A_reset_before_processing_is_looked_up_not_found_and_sent_again_once()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        h.Simulator.Faults.AddNth(FaultKind.ConnectionReset, 1, Posts("HD Ticket"));
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example", externalId: true));

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Ticket, "t1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (record.State, record.Result));
        Assert.Contains(record.Requests, a => a.Request.StartsWith("GET HD Ticket?custom_source_id=", StringComparison.Ordinal) && a.Outcome == "not found");
        Assert.Equal(2, h.Posts("HD Ticket"));
        Assert.Equal(1, h.SiteStore.Count("HD Ticket"));
    }

    [Fact]
    public async Task A_proxy_page_after_a_post_is_treated_as_unknown_fate_and_looked_up()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        h.Simulator.Faults.AddNth(FaultKind.BadGateway, 1, Posts("Communication"));
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example", externalId: true));
        h.Plan(Reply("r1", "t1", "lan@haidang.example", "2023-03-01 10:00:00", externalId: true), "t1", 1);

        await h.RunAsync();

        var record = h.Store.Record(EntityKind.Reply, "r1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (record.State, record.Result));
        Assert.Contains(record.Requests, a => a.Request.StartsWith("GET Communication?", StringComparison.Ordinal));
        Assert.Equal(1, h.SiteStore.Count("Communication"));
    }

    [Fact]
    public async Task A_record_left_unknown_by_a_crash_whose_send_landed_is_adopted_as_created_without_sending()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        h.Plan(Contact("c1", "lan@haidang.example"));
        var ticket = Ticket("t1", "c1", "lan@haidang.example", externalId: true);
        var record = h.Plan(ticket);
        await h.RunAsync(LoopHarness.FastOptions with { Stages = new HashSet<RunStage> { RunStage.Contacts } });
        // The crashed run's POST landed: the ticket is on the site, the record was left InFlight.
        var landed = await h.Site.InsertAsync("HD Ticket", (JsonObject)ticket.InsertBody.DeepClone(), LoopHarness.Ct);
        record.State = RecordState.InFlight;
        h.Store.Restart();
        var postsBefore = h.Posts("HD Ticket");

        await h.RunAsync();

        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (record.State, record.Result));
        Assert.Equal(landed, record.FrappeName);
        Assert.Equal(postsBefore, h.Posts("HD Ticket"));
        Assert.Equal(1, h.SiteStore.Count("HD Ticket"));
    }

    [Fact]
    public async Task A_record_left_unknown_by_a_crash_whose_send_never_landed_is_verified_then_sent()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        h.Plan(Contact("c1", "lan@haidang.example"));
        var record = h.Plan(Ticket("t1", "c1", "lan@haidang.example", externalId: true));
        record.State = RecordState.Unknown;
        var listsBefore = h.SiteStore.Requests.Count("GET /api/resource/HD Ticket");

        await h.RunAsync();

        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (record.State, record.Result));
        Assert.True(h.SiteStore.Requests.Count("GET /api/resource/HD Ticket") > listsBefore, "the site was not asked before the send");
        Assert.Equal(1, h.Posts("HD Ticket"));
    }

    [Fact]
    public async Task A_record_left_unknown_by_a_crash_that_cannot_be_verified_fails_as_unknown_fate_without_sending()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        var record = h.Plan(Ticket("t1", "c1", "lan@haidang.example"));
        record.State = RecordState.Unknown;

        await h.RunAsync();

        Assert.Equal((RecordState.Failed, RecordErrorKind.UnknownFate), (record.State, record.Error?.Kind));
        Assert.Equal(0, h.Posts("HD Ticket"));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_every_record_succeeds()
    {
        await using var h = await LoopHarness.StartAsync();
        for (var i = 0; i < 8; i++)
        {
            h.Plan(Organisation($"o{i}", $"Cửa hàng {i}"));
        }

        h.Simulator.Faults.LimitRate(5, TimeSpan.FromSeconds(1));

        await h.RunAsync();

        Assert.All(h.Store.All, r => Assert.Equal(RecordResult.Created, r.Result));
        Assert.Equal(8, h.SiteStore.Count("HD Customer"));
    }

    [Fact]
    public async Task Deadlocks_on_every_send_fail_the_record_as_transient_after_the_allowed_sends()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Simulator.Faults.AddShare(FaultKind.Deadlock, 1.0, Posts("HD Customer"));
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));

        await h.RunAsync(LoopHarness.FastOptions with { MaxSends = 3 });

        var record = h.Store.Record(EntityKind.Organisation, "o1");
        Assert.Equal((RecordState.Failed, RecordErrorKind.Transient, "QueryDeadlockError"), (record.State, record.Error?.Kind, record.Error?.ExcType));
        Assert.Equal(3, h.Posts("HD Customer"));
        Assert.Equal(0, h.SiteStore.Count("HD Customer"));
    }

    [Fact]
    public async Task A_unique_external_id_refusal_after_an_unknown_send_adopts_the_document_as_created()
    {
        await using var h = await LoopHarness.StartAsync(externalIdFields: true);
        h.Plan(Contact("c1", "lan@haidang.example"));
        var ticket = Ticket("t1", "c1", "lan@haidang.example", externalId: true);
        var record = h.Plan(ticket);
        await h.RunAsync(LoopHarness.FastOptions with { Stages = new HashSet<RunStage> { RunStage.Contacts } });
        var landed = await h.Site.InsertAsync("HD Ticket", (JsonObject)ticket.InsertBody.DeepClone(), LoopHarness.Ct);
        record.State = RecordState.Unknown;
        // The check before sending misses the ticket the lost send created; the site then refuses the second one.
        var lagging = new InterceptingSite(h.Site) { LaggingDoctype = "HD Ticket", MissedLists = 1 };

        await h.RunAsync(site: lagging);

        Assert.Equal((RecordState.Succeeded, RecordResult.Created, landed), (record.State, record.Result, record.FrappeName));
        Assert.Contains(record.Requests, a => a.HttpStatus == 417 && a.ExcType == "UniqueValidationError");
        Assert.Equal(1, h.SiteStore.Count("HD Ticket"));
    }
}
