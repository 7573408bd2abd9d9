using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportPortal.Bench;

/// <summary>
/// The records database alone, the largest of the portal's costs per record: ticket records planned from the Freshdesk
/// ticket preset are claimed 200 at a time, looked up in the ledger and saved as created (an attempt, the sent body with
/// its references written in, a ledger line), one batch after the other on one thread, with no HTTP. What each record
/// costs there, step by step, and the database's size per record.
/// </summary>
internal static class RecordStoreCost
{
    private const int Batch = 200;

    public static async Task<int> RunAsync(int tickets, int repeat, CancellationToken ct)
    {
        var payloads = await PayloadsAsync(tickets, ct);
        Report.Line("store", $"input: {payloads.Count:N0} ticket records from the {FreshdeskTicketExportPreset.Name} preset, {payloads.Average(p => p.Length):F0} characters of payload each; claimed {Batch} at a time, one thread, a warm-up pass then {repeat}");
        for (var pass = 0; pass <= repeat; pass++)
        {
            var cost = await PassAsync(payloads, ct);
            if (cost.Records != payloads.Count || cost.Succeeded != payloads.Count)
            {
                Report.Line("store", $"FAILED: {payloads.Count:N0} records planned, {cost.Records:N0} claimed, {cost.Succeeded:N0} succeeded");
                return 1;
            }

            if (pass > 0)
            {
                Report.Line("store", $"{cost.Records:N0} records: {cost.Total,6:F1} µs CPU per record (claim {cost.Claim:F1}, ledger lookup {cost.Ledger:F1}, outcome batch {cost.Save:F1} µs of time), {Report.Rate(cost.Records, cost.Elapsed)} records/s, database {cost.BytesPerRecord:N0} bytes per record");
            }
        }

        return 0;
    }

    private sealed record Cost(int Records, int Succeeded, TimeSpan Elapsed, double Total, double Claim, double Ledger, double Save, double BytesPerRecord);

    private static async Task<Cost> PassAsync(IReadOnlyList<string> payloads, CancellationToken ct)
    {
        await using var bench = BenchDatabase.Create("store");
        var (dataDir, databases) = (bench.DataDir, bench.Databases);
        var (runId, siteId) = await PlanAsync(databases, payloads, ct);

        using var store = new EfRecordStore(databases, runId, siteId, TimeProvider.System);
        var ledger = new EfIdLedger(databases, siteId, runId);
        var steps = new double[3];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var records = 0;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var claimed = await store.ClaimAsync(RunStage.Tickets, Batch, ct);
            if (claimed.Count == 0)
            {
                break;
            }

            var looked = Stopwatch.GetTimestamp();
            await ledger.FindAsync("HD Ticket", claimed.Select(c => c.SourceKey).ToList(), ct);
            var saving = Stopwatch.GetTimestamp();
            var outcomes = claimed.Select(Created).ToList();
            await store.SaveAsync(outcomes, outcomes.Select((o, i) => new LedgerEntry("HD Ticket", claimed[i].SourceKey, o.FrappeName!, true)).ToList(), ct);
            steps[0] += Stopwatch.GetElapsedTime(started, looked).TotalMicroseconds;
            steps[1] += Stopwatch.GetElapsedTime(looked, saving).TotalMicroseconds;
            steps[2] += Stopwatch.GetElapsedTime(saving).TotalMicroseconds;
            records += claimed.Count;
        }

        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        int succeeded;
        await using (var db = await databases.CreateDbContextAsync(ct))
        {
            succeeded = await db.ImportRecords.CountAsync(r => r.RunId == runId && r.State == RecordState.Succeeded && r.SentJson != null, ct);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new Cost(records, succeeded, elapsed, used.TotalMicroseconds / records, steps[0] / records, steps[1] / records, steps[2] / records,
            (double)DatabaseBytes(dataDir) / records);
    }

    /// <summary>Created on the site: the body went with its references written in, as the loop sends it.</summary>
    private static RecordOutcome Created(WorkItem item)
    {
        var sent = (JsonObject)item.Payload.Insert.DeepClone();
        foreach (var reference in item.Payload.References)
        {
            ReferenceWriter.Apply(sent, reference, reference.SourceKey.ToUpperInvariant());
        }

        var name = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new RecordOutcome(item.Id, item.Stage, RecordState.Succeeded, RecordResult.Created, name, null,
            [new AttemptLog(DateTimeOffset.UtcNow, $"POST {item.Doctype}", TimeSpan.FromMilliseconds(40), "created", 200)], sent)
        { SentFrom = item.Payload.Insert };
    }

    private static async Task<(Guid RunId, Guid SiteId)> PlanAsync(IDbContextFactory<PortalDbContext> databases, IReadOnlyList<string> payloads, CancellationToken ct)
    {
        var runId = Guid.NewGuid();
        var siteId = Guid.NewGuid();
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        db.ImportRuns.Add(new ImportRun
        {
            Id = runId, Number = 1, SiteId = siteId, SiteName = "bench", ProfileName = "bench", ProfileJson = "{}", BindingsJson = "{}",
            OptionsJson = "{}", CreatedBy = "bench", CreatedAt = DateTimeOffset.UtcNow, State = RunState.Running,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < payloads.Count; i++)
        {
            var key = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            db.ImportRecords.Add(new ImportRecord
            {
                RunId = runId, Stage = RunStage.Tickets, Entity = EntityKind.Ticket, Doctype = "HD Ticket", SourceKey = key, Table = "tickets",
                Row = i + 2, Sequence = i, PayloadJson = payloads[i], ExternalIdField = "custom_source_id", State = RecordState.Pending,
            });
            if (i % 5000 == 4999)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        return (runId, siteId);
    }

    /// <summary>Each generated ticket row's ticket, mapped by the preset and kept as a run plans it.</summary>
    private static async Task<List<string>> PayloadsAsync(int tickets, CancellationToken ct)
    {
        using var file = TempFile.Create(".csv");
        await using (var writer = new StreamWriter(file.OpenWrite(), new UTF8Encoding(true)))
        {
            FreshdeskSampleWriter.WriteTicketCsv(writer, tickets);
        }

        var profile = FreshdeskTicketExportPreset.Create();
        var compiled = ProfileCompiler.Compile(profile, await MappingThroughput.MetasAsync(profile, ct));
        var payloads = new List<string>(tickets);
        foreach (var record in await MappingThroughput.ReadAsync(file.Path, ct))
        {
            var ticket = compiled.MapRecord("tickets", record).Single(e => e.Entity == EntityKind.Ticket);
            payloads.Add(RecordPayloadJson.Write(RecordPayload.From(ticket)));
        }

        return payloads;
    }

    private static long DatabaseBytes(string dataDir) =>
        Directory.EnumerateFiles(dataDir, PersistenceServiceCollectionExtensions.DatabaseFileName + "*").Sum(f => new FileInfo(f).Length);
}
