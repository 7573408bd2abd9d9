using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// Every message a run inserts stamps its ticket with "now"; after planning, each ticket's finalise PUT gets its
/// conversation's own times instead. Checked on the planned records in the portal's SQLite file.
/// </summary>
public sealed class ConversationDatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] ModernFields = ["status", "first_responded_on", "last_agent_response", "last_customer_response", "resolution_date"];

    [Fact]
    public async Task A_ticket_s_finalise_dates_get_its_latest_agent_reply_and_customer_message_and_keep_what_its_row_maps()
    {
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        var runId = Guid.NewGuid();
        await AddAsync(portal,
        [
            // Ticket 1's row gives its first response; the conversation gives the rest. Ticket 2 has no first response
            // in its row: its first agent reply is it. Ticket 3 has no message; ticket 4 only a customer's.
            .. Ticket(runId, "1", new JsonObject { ["first_responded_on"] = "2024-03-01 09:00:00", ["resolution_date"] = "2024-03-02 17:00:00" }),
            .. Ticket(runId, "2", new JsonObject { ["resolution_date"] = "2024-03-05 08:00:00" }),
            .. Ticket(runId, "3", new JsonObject { ["resolution_date"] = "2024-03-06 08:00:00" }),
            .. Ticket(runId, "4", null),
            // Tickets 5 and 6 come from a profile that maps no status and no times: the planner made no finalise record.
            // Ticket 6's row could not be mapped.
            .. Ticket(runId, "5", null).Where(r => r.Stage == RunStage.Tickets),
            .. Ticket(runId, "6", null, RecordState.Failed).Where(r => r.Stage == RunStage.Tickets),
            Message(runId, "1", "1:a", "Received", "2024-03-01 08:00:00"),
            Message(runId, "1", "1:b", "Sent", "2024-03-01 09:15:00"),
            Message(runId, "1", "1:c", "Received", "2024-03-01 10:20:00"),
            Message(runId, "1", "1:d", "Sent", "2024-03-02 16:45:00"),
            // A message the mapping refused is never sent, so it is not the ticket's latest.
            Message(runId, "1", "1:e", "Sent", "2024-03-03 12:00:00", RecordState.Failed),
            Message(runId, "2", "2:a", "Received", "2024-03-04 07:30:00"),
            Message(runId, "2", "2:b", "Sent", "2024-03-04 07:55:00"),
            Message(runId, "2", "2:c", "Sent", "2024-03-04 11:10:00"),
            Message(runId, "4", "4:a", "Received", "2024-03-07 21:00:00"),
            Message(runId, "5", "5:a", "Received", "2024-03-08 10:00:00"),
            Message(runId, "5", "5:b", "Sent", "2024-03-08 10:05:00"),
            Message(runId, "6", "6:a", "Received", "2024-03-09 10:00:00"),
            // A private note (an HD Ticket Comment) does not stamp its ticket.
            Message(runId, "1", "1:f", "Sent", "2024-03-04 12:00:00", entity: EntityKind.PrivateNote),
            // Another run's message for a ticket of the same key.
            Message(Guid.NewGuid(), "3", "3:a", "Sent", "2025-01-01 00:00:00"),
        ]);

        Assert.Equal((1, 4), await portal.InDatabaseAsync(db => ConversationDates.FillAsync(db, runId, Meta(ModernFields), Ct)));

        var dates = await FinaliseDatesAsync(portal, runId);
        Assert.Equal("""{"first_responded_on":"2024-03-01 09:00:00","last_agent_response":"2024-03-02 16:45:00","last_customer_response":"2024-03-01 10:20:00","resolution_date":"2024-03-02 17:00:00"}""", Sorted(dates["1"]));
        Assert.Equal("""{"first_responded_on":"2024-03-04 07:55:00","last_agent_response":"2024-03-04 11:10:00","last_customer_response":"2024-03-04 07:30:00","resolution_date":"2024-03-05 08:00:00"}""", Sorted(dates["2"]));
        Assert.Equal("""{"resolution_date":"2024-03-06 08:00:00"}""", Sorted(dates["3"]));
        Assert.Equal("""{"last_customer_response":"2024-03-07 21:00:00"}""", Sorted(dates["4"]));
        Assert.Equal("""{"first_responded_on":"2024-03-08 10:05:00","last_agent_response":"2024-03-08 10:05:00","last_customer_response":"2024-03-08 10:00:00"}""", Sorted(dates["5"]));
        Assert.DoesNotContain("6", dates.Keys);

        // The ticket's own insert record keeps its plan: only the finalise PUT carries the conversation's times.
        var insert = await portal.InDatabaseAsync(db => db.ImportRecords.SingleAsync(r => r.RunId == runId && r.Stage == RunStage.Tickets && r.SourceKey == "2", Ct));
        Assert.Equal("""{"resolution_date":"2024-03-05 08:00:00"}""", Sorted(RecordPayloadJson.Read(insert.PayloadJson).FinaliseDates));
        var added = await portal.InDatabaseAsync(db => db.ImportRecords.SingleAsync(r => r.RunId == runId && r.Stage == RunStage.Finalise && r.SourceKey == "5", Ct));
        Assert.True(added is { State: RecordState.Pending, Entity: EntityKind.Ticket, Doctype: "HD Ticket", Table: "tickets" }, $"ticket 5's finalise should wait its turn: {RecordChecks.Describe(added)}");
    }

    [Fact]
    public async Task A_helpdesk_without_the_response_fields_gets_none_of_them()
    {
        // Helpdesk 1.4 has first_responded_on but no last_agent_response or last_customer_response.
        await using var portal = await PortalServices.StartAsync((_, _) => { });
        var runId = Guid.NewGuid();
        await AddAsync(portal,
        [
            .. Ticket(runId, "1", new JsonObject { ["resolution_date"] = "2024-03-02 17:00:00" }),
            Message(runId, "1", "1:a", "Received", "2024-03-01 08:00:00"),
            Message(runId, "1", "1:b", "Sent", "2024-03-01 09:15:00"),
        ]);

        Assert.Equal((0, 1), await portal.InDatabaseAsync(db => ConversationDates.FillAsync(db, runId, Meta(["status", "first_responded_on", "resolution_date"]), Ct)));
        Assert.Equal((0, 0), await portal.InDatabaseAsync(db => ConversationDates.FillAsync(db, runId, Meta(["status", "resolution_date"]), Ct)));
        Assert.Equal((0, 0), await portal.InDatabaseAsync(db => ConversationDates.FillAsync(db, runId, null, Ct)));

        var dates = await FinaliseDatesAsync(portal, runId);
        Assert.Equal("""{"first_responded_on":"2024-03-01 09:15:00","resolution_date":"2024-03-02 17:00:00"}""", Sorted(dates["1"]));
    }

    private static DocTypeMeta Meta(IEnumerable<string> fields) =>
        new("HD Ticket", false, false, null, fields.Select(f => new DocFieldMeta(f, f == "status" ? "Select" : "Datetime", f, null, false, false, 0, false, false)).ToList());

    private static async Task<Dictionary<string, JsonObject?>> FinaliseDatesAsync(PortalServices portal, Guid runId)
    {
        var finalise = await portal.InDatabaseAsync(db => db.ImportRecords.AsNoTracking().Where(r => r.RunId == runId && r.Stage == RunStage.Finalise).ToListAsync(Ct));
        return finalise.ToDictionary(r => r.SourceKey, r => RecordPayloadJson.Read(r.PayloadJson).FinaliseDates);
    }

    private static string Sorted(JsonObject? dates) =>
        new JsonObject((dates ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString();

    private static Task<int> AddAsync(PortalServices portal, IEnumerable<ImportRecord> records) =>
        portal.InDatabaseAsync(db =>
        {
            db.ImportRecords.AddRange(records);
            return db.SaveChangesAsync(Ct);
        });

    /// <summary>A ticket as the planner writes it: its insert and its finalise record, both with the same payload.</summary>
    private static IEnumerable<ImportRecord> Ticket(Guid runId, string key, JsonObject? dates, RecordState state = RecordState.Pending)
    {
        var payload = RecordPayloadJson.Write(new RecordPayload(new JsonObject { ["subject"] = $"Khách hỏi về đơn hàng #{key}" }, new JsonObject { ["status"] = "Closed" }, dates, []));
        foreach (var stage in new[] { RunStage.Tickets, RunStage.Finalise })
        {
            yield return new ImportRecord
            {
                RunId = runId,
                Stage = stage,
                Entity = EntityKind.Ticket,
                Doctype = "HD Ticket",
                SourceKey = key,
                Table = "tickets",
                Row = 1,
                PayloadJson = payload,
                State = state,
            };
        }
    }

    private static ImportRecord Message(
        Guid runId, string ticket, string key, string direction, string at, RecordState state = RecordState.Pending, EntityKind entity = EntityKind.Reply) => new()
    {
        RunId = runId,
        Stage = RunStage.Conversations,
        Entity = entity,
        Doctype = entity == EntityKind.Reply ? "Communication" : "HD Ticket Comment",
        SourceKey = key,
        GroupKey = ticket,
        Table = "notes",
        Row = 1,
        PayloadJson = RecordPayloadJson.Write(new RecordPayload(
            new JsonObject { ["content"] = "<p>Cảm ơn anh/chị</p>", ["sent_or_received"] = direction, ["communication_date"] = at }, null, null, [])),
        State = state,
    };
}
