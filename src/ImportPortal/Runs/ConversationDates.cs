using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>
/// A ticket's response times as its conversation has them. Every message the run inserts stamps its ticket with "now":
/// an agent reply sets <c>last_agent_response</c> (and <c>first_responded_on</c> when empty), a customer message
/// <c>last_customer_response</c> (Helpdesk 1.20+; recorded on 1.22.2, frappe-samples fidelity-09/13). Unless the
/// finalise PUT writes them back, a migrated helpdesk shows every ticket answered on the day of the migration. After
/// planning, each ticket's finalise dates get the times of its planned messages: the latest agent reply, the latest
/// customer message, and the first agent reply as its first response when the ticket's row gives none. A time the
/// profile maps itself (say Freshdesk's <c>stats.agent_responded_at</c>) is kept as mapped. A ticket whose profile maps
/// neither status nor times gets a finalise record for them when it has messages.
/// </summary>
internal static class ConversationDates
{
    /// <summary>The ticket fields filled from the conversation, and how: the first or the latest message of one direction.</summary>
    private static readonly IReadOnlyList<(string Field, string Direction, string Pick)> Fields =
    [
        ("first_responded_on", "Sent", "min"),
        ("last_agent_response", "Sent", "max"),
        ("last_customer_response", "Received", "max"),
    ];

    /// <summary>
    /// Fills the run's finalise records from its planned messages, only with the fields the site's ticket doctype has; a
    /// ticket with messages and no finalise record (its profile maps no status and no times) gets one.
    /// </summary>
    /// <returns>How many finalise records were added, and how many got one or more times.</returns>
    public static async Task<(int Added, int Filled)> FillAsync(PortalDbContext db, Guid runId, DocTypeMeta? ticket, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var fields = Fields.Where(f => ticket?.HasField(f.Field) == true).ToList();
        if (fields.Count == 0)
        {
            return (0, 0);
        }

        // Per ticket, one pass over its messages' planned bodies (communication_date is already the site's local time
        // as Frappe writes it, "yyyy-MM-dd HH:mm:ss", so text order is time order), kept in a temporary table keyed by
        // ticket for the two statements that read it. Patching an empty object drops the times a ticket has no message
        // for; the ticket's own mapped dates are patched over the derived ones, so they win.
        var columns = string.Join(", ", fields.Select((_, i) => $"t{i}"));
        var picks = string.Join(", ", fields.Select(f =>
            $"{f.Pick}(CASE WHEN m.PayloadJson ->> '$.insert.sent_or_received' = '{f.Direction}' THEN m.PayloadJson ->> '$.insert.communication_date' END)"));
        var derived = string.Join(", ", fields.Select((f, i) => $"'{f.Field}', c.t{i}"));
        var any = string.Join(" OR ", fields.Select((_, i) => $"c.t{i} IS NOT NULL"));
        string[] statements =
        [
            $"CREATE TEMP TABLE ConversationTimes (Ticket TEXT PRIMARY KEY, {columns})",
            $"""
            INSERT INTO temp.ConversationTimes
            SELECT m.GroupKey, {picks}
            FROM ImportRecords AS m
            WHERE m.RunId = @run AND m.Stage = @conversations AND m.Entity = @reply AND m.State <> @failed AND m.GroupKey IS NOT NULL
            GROUP BY m.GroupKey
            """,
            $"""
            INSERT OR IGNORE INTO ImportRecords (RunId, Stage, Entity, Doctype, SourceKey, Sequence, "Table", Row, PayloadJson, State, Result, Attempts, UpdatedAt)
            SELECT t.RunId, @finalise, t.Entity, t.Doctype, t.SourceKey, t.Sequence, t."Table", t.Row, t.PayloadJson, @pending, 0, 0, t.UpdatedAt
            FROM temp.ConversationTimes AS c
            JOIN ImportRecords AS t ON t.RunId = @run AND t.Stage = @tickets AND t.Entity = @ticket AND t.SourceKey = c.Ticket
            WHERE t.State <> @failed AND ({any})
            """,
            $"""
            UPDATE ImportRecords
            SET PayloadJson = json_set(PayloadJson, '$.finaliseDates',
                json(json_patch(json_patch(json_object(), json_object({derived})), COALESCE(PayloadJson -> '$.finaliseDates', json_object()))))
            FROM temp.ConversationTimes AS c
            WHERE ImportRecords.RunId = @run AND ImportRecords.Stage = @finalise AND ImportRecords.Entity = @ticket
                AND ImportRecords.SourceKey = c.Ticket AND ({any})
            """,
            "DROP TABLE temp.ConversationTimes",
        ];

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var counts = new List<int>();
            foreach (var sql in statements)
            {
                counts.Add(await db.Database.ExecuteSqlRawAsync(sql, Parameters(runId), ct));
            }

            await transaction.CommitAsync(ct);
            return (counts[2], counts[3]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Microsoft.Data.Sqlite.SqliteParameter[] Parameters(Guid runId) =>
    [
        Parameter("@run", JsonRows.Key(runId)),
        Parameter("@tickets", (int)RunStage.Tickets),
        Parameter("@conversations", (int)RunStage.Conversations),
        Parameter("@finalise", (int)RunStage.Finalise),
        Parameter("@reply", (int)EntityKind.Reply),
        Parameter("@ticket", (int)EntityKind.Ticket),
        Parameter("@pending", (int)RecordState.Pending),
        Parameter("@failed", (int)RecordState.Failed),
    ];

    private static Microsoft.Data.Sqlite.SqliteParameter Parameter(string name, object value) => new(name, value);
}
