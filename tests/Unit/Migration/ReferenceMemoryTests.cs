using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// A run keeps in memory what later records may refer to (organisations, contacts, tickets, users), not the hundreds of
/// thousands of messages that nothing refers to.
/// </summary>
public sealed class ReferenceMemoryTests
{
    [Fact]
    public async Task A_sent_message_is_not_kept_in_memory_while_the_ticket_it_belongs_to_is()
    {
        await using var h = await LoopHarness.StartAsync();
        h.Plan(Contact("c1", "lan@haidang.example"));
        h.Plan(Ticket("t1", "c1", "lan@haidang.example"));
        var reply = h.Plan(Reply("t1:r1", "t1", "lan@haidang.example", "2023-03-01 09:00:00"), groupKey: "t1", sequence: 1);
        await h.RunAsync(LoopHarness.FastOptions with { Stages = new HashSet<RunStage> { RunStage.Contacts, RunStage.Tickets } });
        var resolver = new ReferenceResolver(h.Ledger, DoctypeOf);
        var sender = new RecordSender(h.Site, resolver, h.Store, LoopHarness.FastOptions, TimeProvider.System);
        // As the loop does for a claimed batch: the records' own ledger lines and those of what they refer to.
        await resolver.PrefetchAsync("Communication", ["t1:r1"], LoopHarness.Ct);
        await resolver.PrefetchAsync("HD Ticket", ["t1"], LoopHarness.Ct);

        var (outcome, entry) = await sender.SendAsync(reply.ToWorkItem(), ExistingOnSite.None, LoopHarness.Ct);

        Assert.Equal((RecordState.Succeeded, RecordResult.Created), (outcome.State, outcome.Result));
        Assert.Equal(outcome.FrappeName, entry?.FrappeName);
        Assert.False(resolver.TryGet("Communication", "t1:r1", out _));
        Assert.True(resolver.TryGet("HD Ticket", "t1", out var ticket));
        Assert.Equal(h.SiteStore.List("HD Ticket").Single()["name"]!.ToString(), ticket.FrappeName);
        Assert.Equal(1, resolver.Count);
    }
}
