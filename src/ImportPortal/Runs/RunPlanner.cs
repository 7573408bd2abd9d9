using System.Globalization;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Sources;
using ImportPortal.Frappe;
using ImportPortal.Mappings;
using ImportPortal.Persistence;
using ImportPortal.Sites;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>
/// Streams a run's sources through its profile and writes one record per entity and source key (the first row
/// that names a key wins; a team gathers the members of every row that names it), plus a finalise record per ticket with status or dates to set and, when contacts join
/// their organisation as HD Customer members, a membership record per organisation. Rows the mapping finds
/// wrong become failed records that say why, so the totals on the dashboard count every row.
/// </summary>
public sealed class RunPlanner(
    IDbContextFactory<PortalDbContext> databases,
    SiteCatalog sites,
    FrappeSiteClientFactory clients,
    UploadStore uploads,
    TimeProvider time)
{
    private const int InsertBatch = 2000;

    public async Task PlanAsync(ImportRun run, Action<double> progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(run);
        var profile = MappingProfileJson.Deserialize(run.ProfileJson);
        var connection = await sites.ConnectAsync(run.SiteId, ct) ?? throw new PortalTextException(new PortalText(RecordTexts.SiteGone));
        var site = clients.Create(connection);
        var bindings = StoredJson.Read<Dictionary<string, TableBinding>>(run.BindingsJson) ?? [];
        var metas = await MappingPreview.MetasAsync(profile, site, ct);
        var compiled = ProfileCompiler.Compile(profile, metas,
            await MappingLookups.BuildAsync(profile, (table, c) => MappingPreview.OpenTableAsync(uploads, bindings, table, c), ct));

        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            // A plan cut short by a crash is made again from the start.
            await db.ImportRecords.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
        }

        var seen = new HashSet<(RunStage, EntityKind, string)>();
        var memberships = new MembershipPlan(profile.Entities.FirstOrDefault(e => e.Entity == EntityKind.Organisation) is { } organisation
            ? profile.DoctypeOf(organisation) : profile.DefaultDoctype(EntityKind.Organisation));
        var membershipOrigins = new Dictionary<string, (string Table, long Row)>(StringComparer.Ordinal);
        var pending = new List<ImportRecord>(InsertBatch);
        long sequence = 0;
        var conversationOrder = new ConversationOrder();
        var done = 0;
        var leftOut = new LeftOutCounter();
        var teams = new TeamPlan();
        foreach (var (table, binding) in bindings)
        {
            var upload = await uploads.FindAsync(binding.UploadId, ct) ?? throw new PortalTextException(new PortalText(RecordTexts.UploadGone));
            var reader = await SourceReaderFactory.OpenAsync(await uploads.SniffAsync(upload, ct), uploads.PathOf(upload), new SourceReadOptions(Table: binding.Table), ct);
            await foreach (var record in reader.ReadAsync(ct))
            {
                var row = record.Locator.Row;
                foreach (var entity in compiled.MapRecord(table, record, (child, count) => leftOut.Add(table, child, row, count)))
                {
                    if (entity.Entity == EntityKind.Team)
                    {
                        teams.Add(entity, table, row);
                        continue;
                    }

                    foreach (var planned in Plan(run.Id, table, record.Locator.Row, entity, ++sequence, conversationOrder))
                    {
                        if (!RepeatsAcrossRows(planned.Stage) || seen.Add((planned.Stage, planned.Entity, planned.SourceKey)))
                        {
                            pending.Add(planned);
                            if (planned.Stage == RunStage.Contacts && entity.MemberOf.Count > 0)
                            {
                                // The first row that plans a contact says which organisations it joins, as it says its links.
                                memberships.Add(entity);
                                foreach (var member in entity.MemberOf)
                                {
                                    membershipOrigins.TryAdd(member.SourceKey, (table, record.Locator.Row));
                                }
                            }
                        }
                    }
                }

                if (pending.Count >= InsertBatch)
                {
                    await InsertAsync(pending, ct);
                    progress((done + Math.Min(1, reader.BytesRead / (double)Math.Max(1, upload.Size))) / Math.Max(1, bindings.Count));
                }
            }

            done++;
        }

        foreach (var (team, table, row) in teams.Teams())
        {
            pending.AddRange(Plan(run.Id, table, row, team, ++sequence, conversationOrder));
        }

        foreach (var membership in memberships.Entities())
        {
            var (table, row) = membershipOrigins[membership.SourceKey];
            pending.Add(Membership(run.Id, table, row, membership, ++sequence));
        }

        await InsertAsync(pending, ct);
        if (profile.Entities.FirstOrDefault(e => e.Entity == EntityKind.Ticket) is { } ticket)
        {
            await using var db = await databases.CreateDbContextAsync(ct);
            await ConversationDates.FillAsync(db, run.Id, metas.GetValueOrDefault(profile.DoctypeOf(ticket)), ct);
        }

        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            run.RecordCount = await db.ImportRecords.CountAsync(r => r.RunId == run.Id, ct);
        }

        run.LeftOutJson = leftOut.Tallies(profile) is { Count: > 0 } tallies ? StoredJson.Write(tallies) : null;
    }

    /// <summary>
    /// Organisations, contacts and agents come again with every row that names them, so the planner remembers which it
    /// has planned (the first row's wins, and says which organisations a contact joins). A ticket, a message or a file comes once:
    /// a second row with its key is left out by the insert itself, on the records' unique index. A migration plans
    /// hundreds of thousands of those, and remembering them all would grow with the export.
    /// </summary>
    private static bool RepeatsAcrossRows(RunStage stage) => stage is not (RunStage.Tickets or RunStage.Conversations or RunStage.Finalise or RunStage.Assignments or RunStage.Attachments);

    /// <summary>One organisation's member contacts (Helpdesk 1.28+), sent once its contacts exist; its row is its first member's.</summary>
    private static ImportRecord Membership(Guid runId, string table, long row, MappedEntity membership, long sequence) => new()
    {
        RunId = runId,
        Stage = RunStage.Memberships,
        Entity = membership.Entity,
        Doctype = membership.Doctype,
        SourceKey = membership.SourceKey,
        Sequence = sequence,
        Table = table,
        Row = row,
        PayloadJson = RecordPayloadJson.Write(RecordPayload.From(membership)),
        State = RecordState.Pending,
    };

    /// <summary>A conversation record's sequence is its place in its ticket's conversation (<see cref="ConversationOrder"/>).</summary>
    private static IEnumerable<ImportRecord> Plan(Guid runId, string table, long row, MappedEntity entity, long sequence, ConversationOrder conversationOrder)
    {
        var stage = RunStages.Of(entity.Entity);
        var payload = RecordPayload.From(entity);
        var errors = entity.Problems.Where(p => p.Severity == MappingSeverity.Error).ToList();
        var key = entity.SourceKey.Length > 0 ? entity.SourceKey : $"(row {row.ToString(CultureInfo.InvariantCulture)})";
        var groupKey = stage == RunStage.Conversations ? entity.References.FirstOrDefault(r => r.Entity == EntityKind.Ticket)?.SourceKey ?? key : null;
        var record = new ImportRecord
        {
            RunId = runId,
            Stage = stage,
            Entity = entity.Entity,
            Doctype = entity.Doctype,
            SourceKey = key,
            GroupKey = groupKey,
            Sequence = groupKey is null ? sequence : conversationOrder.KeyOf(groupKey, entity.InsertBody, sequence),
            Table = table,
            Row = row,
            PayloadJson = RecordPayloadJson.Write(payload),
            ExternalIdField = entity.ExternalIdField,
            State = errors.Count > 0 ? RecordState.Failed : RecordState.Pending,
            };
        if (errors.Count > 0)
        {
            record.ErrorKind = RecordErrorKind.Mapping;
            record.ErrorExcType = errors[0].Code;
            // Kept as sentences, shown in the reader's language; the message is their English, whoever started the run.
            var texts = errors.Select(p => new PortalText(p.Code, [.. p.Args])).ToList();
            record.ErrorText = PortalTextJson.Write(texts);
            record.ErrorMessage = PortalTexts.Render(texts, CultureInfo.InvariantCulture);
        }

        yield return record;
        if (entity.Entity != EntityKind.Ticket)
        {
            yield break;
        }

        // A ticket's later requests, each a record of its own stage carrying the ticket's payload and waiting on it.
        if (entity.FinaliseStatus is not null || entity.FinaliseDates is not null || entity.Tags is not null)
        {
            yield return AfterTicket(record, RunStage.Finalise, errors.Count > 0);
        }

        if (entity.Assign is not null)
        {
            yield return AfterTicket(record, RunStage.Assignments, errors.Count > 0);
        }
    }

    private static ImportRecord AfterTicket(ImportRecord ticket, RunStage stage, bool unmapped) => new()
    {
        RunId = ticket.RunId,
        Stage = stage,
        Entity = ticket.Entity,
        Doctype = ticket.Doctype,
        SourceKey = ticket.SourceKey,
        Sequence = ticket.Sequence,
        Table = ticket.Table,
        Row = ticket.Row,
        PayloadJson = ticket.PayloadJson,
        State = unmapped ? RecordState.Failed : RecordState.Pending,
        ErrorKind = unmapped ? RecordErrorKind.Dependency : null,
        ErrorMessage = unmapped ? TicketNotMapped.English : null,
        ErrorText = unmapped ? PortalTextJson.WriteOne(TicketNotMapped) : null,
    };

    private static readonly PortalText TicketNotMapped = new(RecordTexts.TicketNotMapped);

    // One statement per chunk of rows, read from a JSON array (see JsonRows): EF Core inserted a row per command, and
    // a migration plans hundreds of thousands of records. The run, the time and the fresh counters are the same for all.
    private const string InsertRecords =
        "INSERT INTO ImportRecords (RunId, Stage, Entity, Doctype, SourceKey, GroupKey, Sequence, \"Table\", Row, PayloadJson, " +
        "ExternalIdField, State, Result, Attempts, ErrorKind, ErrorExcType, ErrorMessage, ErrorText, UpdatedAt) " +
        "SELECT $run, r.value ->> 'stage', r.value ->> 'entity', r.value ->> 'doctype', r.value ->> 'key', r.value ->> 'group', " +
        "r.value ->> 'sequence', r.value ->> 'table', r.value ->> 'row', r.value ->> 'payload', r.value ->> 'externalId', " +
        "r.value ->> 'state', 0, 0, r.value ->> 'kind', r.value ->> 'exc', r.value ->> 'message', r.value ->> 'text', $at " +
        "FROM jsonb_each(CAST($rows AS TEXT)) AS r WHERE true ORDER BY r.key " +
        // A second row with a key already planned is left out (tickets and messages; see RepeatsAcrossRows). WHERE true:
        // SQLite's grammar needs a WHERE before an upsert clause on INSERT ... SELECT.
        "ON CONFLICT (RunId, Stage, Entity, SourceKey) DO NOTHING";

    private async Task InsertAsync(List<ImportRecord> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        using var rows = new JsonRows();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var run = JsonRows.Key(records[0].RunId);
        var stamp = JsonRows.Stamp(time.GetUtcNow());
        foreach (var chunk in rows.Chunks(records, WriteRecord))
        {
            await JsonRows.ExecuteAsync(connection, transaction, InsertRecords, [("$rows", chunk), ("$run", run), ("$at", stamp)], ct);
        }

        await transaction.CommitAsync(ct);
        records.Clear();
    }

    private static void WriteRecord(System.Text.Json.Utf8JsonWriter json, ImportRecord record)
    {
        json.WriteNumber("stage", (int)record.Stage);
        json.WriteNumber("entity", (int)record.Entity);
        json.WriteString("doctype", record.Doctype);
        json.WriteString("key", record.SourceKey);
        JsonRows.Text(json, "group", record.GroupKey);
        json.WriteNumber("sequence", record.Sequence);
        json.WriteString("table", record.Table);
        json.WriteNumber("row", record.Row);
        json.WriteString("payload", record.PayloadJson);
        JsonRows.Text(json, "externalId", record.ExternalIdField);
        json.WriteNumber("state", (int)record.State);
        JsonRows.Number(json, "kind", (int?)record.ErrorKind);
        JsonRows.Text(json, "exc", record.ErrorExcType);
        JsonRows.Text(json, "message", record.ErrorMessage);
        JsonRows.Text(json, "text", record.ErrorText);
    }
}
