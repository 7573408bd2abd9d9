using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>The run's claiming against its SQLite file: what a batch holds and in which order.</summary>
public sealed class RecordClaimTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_claim_hands_over_the_records_a_crash_left_in_flight_first_then_the_waiting_ones_in_plan_order()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        var databases = portal.Get<IDbContextFactory<PortalDbContext>>();
        var runId = Guid.NewGuid();
        // Ten tickets: #3 is in already, #7 and #9 were in flight when the portal died.
        await AddAsync(databases, Enumerable.Range(1, 10).Select(i => Ticket(runId, i, i switch
        {
            3 => RecordState.Succeeded,
            7 or 9 => RecordState.Unknown,
            _ => RecordState.Pending,
        })));
        using var store = new EfRecordStore(databases, runId, Guid.NewGuid(), TimeProvider.System);

        var first = await store.ClaimAsync(RunStage.Tickets, 4, Ct);
        var second = await store.ClaimAsync(RunStage.Tickets, 10, Ct);
        var third = await store.ClaimAsync(RunStage.Tickets, 10, Ct);

        Assert.Equal(["Phiếu 7", "Phiếu 9", "Phiếu 1", "Phiếu 2"], first.Select(i => i.SourceKey));
        Assert.Equal([true, true, false, false], first.Select(i => i.WasUnknown));
        Assert.Equal(["Phiếu 4", "Phiếu 5", "Phiếu 6", "Phiếu 8", "Phiếu 10"], second.Select(i => i.SourceKey));
        Assert.Empty(third);
        Assert.Equal("Nguyễn Văn An hỏi về đơn hàng #7", first[0].Payload.Insert["subject"]!.GetValue<string>());
        await using var db = await databases.CreateDbContextAsync(Ct);
        Assert.Equal(9, await db.ImportRecords.CountAsync(r => r.RunId == runId && r.State == RecordState.InFlight, Ct));
    }

    [Fact]
    public async Task A_conversation_claim_takes_whole_tickets_and_a_ticket_with_a_message_left_in_flight_goes_in_the_first_batch()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        var databases = portal.Get<IDbContextFactory<PortalDbContext>>();
        var runId = Guid.NewGuid();
        // Three messages for each of the tickets 1 to 6; the second message of ticket 5 was in flight at the crash.
        await AddAsync(databases, Enumerable.Range(1, 6).SelectMany(t => Enumerable.Range(1, 3).Select(m =>
            Message(runId, t, m, t == 5 && m == 2 ? RecordState.Unknown : RecordState.Pending))));
        using var store = new EfRecordStore(databases, runId, Guid.NewGuid(), TimeProvider.System);

        // Room for two tickets a batch (a quarter of the records asked for).
        var first = await store.ClaimAsync(RunStage.Conversations, 8, Ct);
        var second = await store.ClaimAsync(RunStage.Conversations, 8, Ct);

        Assert.Equal(["T1:1", "T1:2", "T1:3", "T5:1", "T5:2", "T5:3"], first.Select(i => i.SourceKey));
        Assert.Equal(["T2:1", "T2:2", "T2:3", "T3:1", "T3:2", "T3:3"], second.Select(i => i.SourceKey));
    }

    private static async Task AddAsync(IDbContextFactory<PortalDbContext> databases, IEnumerable<ImportRecord> records)
    {
        await using var db = await databases.CreateDbContextAsync(Ct);
        db.ImportRecords.AddRange(records);
        await db.SaveChangesAsync(Ct);
    }

    private static ImportRecord Ticket(Guid runId, int n, RecordState state) => new()
    {
        RunId = runId,
        Stage = RunStage.Tickets,
        Entity = EntityKind.Ticket,
        Doctype = "HD Ticket",
        SourceKey = $"Phiếu {n}",
        Sequence = n,
        Table = "tickets",
        Row = n,
        PayloadJson = Payload(new JsonObject { ["subject"] = $"Nguyễn Văn An hỏi về đơn hàng #{n}" }),
        State = state,
    };

    private static ImportRecord Message(Guid runId, int ticket, int message, RecordState state) => new()
    {
        RunId = runId,
        Stage = RunStage.Conversations,
        Entity = EntityKind.Reply,
        Doctype = "Communication",
        SourceKey = $"T{ticket}:{message}",
        GroupKey = $"T{ticket}",
        Sequence = message,
        Table = "tickets",
        Row = ticket,
        PayloadJson = Payload(new JsonObject { ["content"] = $"Trả lời {message} cho phiếu {ticket}" }),
        State = state,
    };

    private static string Payload(JsonObject insert) => RecordPayloadJson.Write(new RecordPayload(insert, null, null, []));
}
