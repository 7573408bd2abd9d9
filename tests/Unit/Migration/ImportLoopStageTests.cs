using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>Stages in dependency order, references resolved from what earlier stages created, conversations in order.</summary>
public sealed class ImportLoopStageTests
{
    [Fact]
    public async Task Stages_run_organisations_contacts_tickets_conversations_then_finalise()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));
        h.Plan(Contact("c1", "lan@haidang.example", "o1"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example", "o1", status: "Closed"));
        h.Plan(Reply("r1", "t1", "lan@haidang.example", "2023-03-01 09:20:00"), "t1", 1);
        var observer = new RecordingObserver();

        var finished = await h.RunAsync(observer: observer);

        Assert.True(finished);
        Assert.Equal(RunStages.All, observer.Stages);
        Assert.All(h.Store.All, r => Assert.Equal(RecordState.Succeeded, r.State));
    }

    [Fact]
    public async Task A_contact_links_to_the_HD_Customer_its_organisation_became()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Organisation("o1", "Công ty Hải Đăng"));
        h.Plan(Contact("c1", "lan@haidang.example", "o1"));

        await h.RunAsync();

        var contact = h.SiteStore.Get("Contact", h.Store.Record(EntityKind.Contact, "c1").FrappeName!)!;
        var link = Assert.Single(contact["links"]!.AsArray())!;
        Assert.Equal("HD Customer", link["link_doctype"]!.GetValue<string>());
        Assert.Equal(h.Store.Record(EntityKind.Organisation, "o1").FrappeName, link["link_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_ticket_refers_to_its_contact_and_customer_by_their_Frappe_names()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Organisation("o1", "Shop Ánh Dương"));
        h.Plan(Contact("c1", "minh@anhduong.example", "o1"));
        h.Plan(Ticket("t1", "c1", "minh@anhduong.example", "o1"));

        await h.RunAsync();

        var ticket = h.SiteStore.Get("HD Ticket", h.Store.Record(EntityKind.Ticket, "t1").FrappeName!)!;
        Assert.Equal(h.Store.Record(EntityKind.Contact, "c1").FrappeName, ticket["contact"]!.GetValue<string>());
        Assert.Equal("Shop Ánh Dương", ticket["customer"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reply_is_attached_to_the_ticket_its_source_key_became()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "minh@anhduong.example"));
        h.Plan(Ticket("t1", "c1", "minh@anhduong.example"));
        h.Plan(Reply("r1", "t1", "minh@anhduong.example", "2023-03-01 09:20:00"), "t1", 1);

        await h.RunAsync();

        var reply = h.SiteStore.Get("Communication", h.Store.Record(EntityKind.Reply, "r1").FrappeName!)!;
        Assert.Equal("HD Ticket", reply["reference_doctype"]!.GetValue<string>());
        Assert.Equal(h.Store.Record(EntityKind.Ticket, "t1").FrappeName, reply["reference_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_replies_of_one_ticket_are_created_in_sequence_order()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "minh@anhduong.example"));
        h.Plan(Ticket("t1", "c1", "minh@anhduong.example"));
        // Planned out of order on purpose: the sequence, not the plan order, decides.
        foreach (var n in new[] { 4, 1, 3, 5, 2 })
        {
            h.Plan(Reply($"r{n}", "t1", "minh@anhduong.example", $"2023-03-0{n} 10:00:00"), "t1", n);
        }

        await h.RunAsync(LoopHarness.FastOptions with { Workers = 16 });

        var contents = h.SiteStore.List("Communication").Select(c => c["content"]!.GetValue<string>()).ToList();
        Assert.Equal(["<p>Message r1</p>", "<p>Message r2</p>", "<p>Message r3</p>", "<p>Message r4</p>", "<p>Message r5</p>"], contents);
    }

    [Fact]
    public async Task A_failed_earlier_message_fails_the_later_messages_of_its_ticket_as_dependency_without_sending_them()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "minh@anhduong.example"));
        h.Plan(Ticket("t1", "c1", "minh@anhduong.example"));
        h.Plan(Reply("r1", "t1", "minh@anhduong.example", "2023-03-01 10:00:00"), "t1", 1);
        h.Plan(Reply("r2", "t1", "minh@anhduong.example", "2023-03-02 10:00:00"), "t1", 2);
        h.Plan(Reply("r3", "t1", "minh@anhduong.example", "2023-03-03 10:00:00"), "t1", 3);
        h.Simulator.Faults.Rejections.Add("Communication", d => d["content"]?.GetValue<string>() == "<p>Message r2</p>", "Content is not allowed");

        await h.RunAsync();

        Assert.Equal(RecordState.Succeeded, h.Store.Record(EntityKind.Reply, "r1").State);
        Assert.Equal(RecordErrorKind.Data, h.Store.Record(EntityKind.Reply, "r2").Error?.Kind);
        var later = h.Store.Record(EntityKind.Reply, "r3");
        Assert.Equal((RecordState.Failed, RecordErrorKind.Dependency), (later.State, later.Error?.Kind));
        Assert.Equal(2, h.Posts("Communication"));
    }

    [Fact]
    public async Task A_record_whose_dependency_failed_fails_with_dependency_failed_and_the_dependencys_reason()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "not-an-email"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example"));

        await h.RunAsync();

        var ticket = h.Store.Record(EntityKind.Ticket, "t1");
        Assert.Equal((RecordState.Failed, RecordErrorKind.Dependency), (ticket.State, ticket.Error?.Kind));
        Assert.StartsWith("dependency failed: Contact c1", ticket.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("not-an-email", ticket.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Posts("HD Ticket"));
    }

    [Fact]
    public async Task A_failed_ticket_fails_its_replies_and_its_finalise_as_dependency()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example", status: "Closed"));
        h.Plan(Reply("r1", "t1", "lan@haidang.example", "2023-03-01 10:00:00"), "t1", 1);
        h.Simulator.Faults.Rejections.Add("HD Ticket", _ => true, "Tickets are closed for import");

        await h.RunAsync();

        Assert.StartsWith("dependency failed: Ticket t1", h.Store.Record(EntityKind.Reply, "r1").Error?.Message, StringComparison.Ordinal);
        Assert.Equal(RecordErrorKind.Dependency, h.Store.FinaliseOf("t1").Error?.Kind);
        Assert.Equal(0, h.Posts("Communication"));
        Assert.Equal(0, h.Puts("HD Ticket"));
    }

    [Fact]
    public async Task A_record_failed_by_its_dependency_succeeds_when_retried_after_the_dependency_succeeds()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example"));
        h.Simulator.Faults.Rejections.Add("Contact", _ => true, "Contacts are locked");
        await h.RunAsync();
        h.Simulator.Faults.Rejections.Clear();
        h.Store.RetryFailed();

        await h.RunAsync();

        var ticket = h.Store.Record(EntityKind.Ticket, "t1");
        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (ticket.State, ticket.Result));
        Assert.Equal(h.Store.Record(EntityKind.Contact, "c1").FrappeName, h.SiteStore.Get("HD Ticket", ticket.FrappeName!)!["contact"]!.GetValue<string>());
    }
}
