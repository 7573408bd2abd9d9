using System.Diagnostics;
using System.Globalization;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImportPortal.Bench;

/// <summary>
/// What "why records failed" costs on a migration gone badly: a run with N failed records (and as many that
/// succeeded) whose messages name a missing customer (700 of them), a bad phone number (each its own), the ticket a
/// message waits on (one in ten) and a site that kept answering 503. How long the causes take to sum up, and a cause's
/// first page and all its ids to find, in a real SQLite file.
/// </summary>
internal static class FailureCauseCost
{
    public static async Task<int> RunAsync(int failed, int repeat, CancellationToken ct)
    {
        await using var bench = BenchDatabase.Create("causes");
        var databases = bench.Databases;
        var runId = await PlantAsync(databases, failed, ct);
        var uploads = new UploadStore(databases, bench.Services.GetRequiredService<IOptions<PortalOptions>>(), Options.Create(new UploadOptions()), TimeProvider.System);
        var queries = new RunQueries(databases, uploads, Options.Create(new RunsOptions()), TimeProvider.System);
        Report.Line("causes", $"input: a run of {failed * 2:N0} records, {failed:N0} of them failed with 4 causes; a warm-up pass then {repeat}");

        IReadOnlyList<CauseLine> causes = [];
        for (var pass = 0; pass <= repeat; pass++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            causes = await queries.CausesAsync(runId, ct);
            var summed = clock.Elapsed;
            var largest = causes[0].Cause;
            clock.Restart();
            var page = await queries.RecordsAsync(runId, new RecordFilter(Cause: largest, Take: 25), ct);
            var paged = clock.Elapsed;
            clock.Restart();
            var ids = await queries.IdsAsync(runId, new RecordFilter(Cause: largest), ct);
            var found = clock.Elapsed;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (causes.Count != 4 || causes.Sum(c => c.Count) != failed || page.Total != causes[0].Count || ids.Count != causes[0].Count)
            {
                Report.Line("causes", $"FAILED: {causes.Count} causes of {causes.Sum(c => c.Count):N0} records, the largest's page {page.Total:N0} and ids {ids.Count:N0} against {causes[0].Count:N0}");
                return 1;
            }

            if (pass > 0)
            {
                Report.Line("causes", $"summed up in {summed.TotalMilliseconds:F0} ms; the largest cause ({causes[0].Count:N0} records): first page in {paged.TotalMilliseconds:F0} ms, all its ids in {found.TotalMilliseconds:F0} ms; {used.TotalMilliseconds:F0} ms of CPU in all");
            }
        }

        foreach (var cause in causes)
        {
            Report.Line("causes", $"{cause.Count,8:N0} {cause.Cause.Template} ({cause.ValueCount:N0} values)");
        }

        // Skip these / Retry these: one UPDATE over the cause's records (the statement RunService.SkipCauseAsync and the
        // retry job run), however many they are; last, as it changes them.
        var clockSkip = Stopwatch.StartNew();
        await using var db = await databases.CreateDbContextAsync(ct);
        var skipped = await RunQueries.FailedOfCause(db, runId, causes[0].Cause)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RecordState.Skipped).SetProperty(r => r.UpdatedAt, DateTimeOffset.UtcNow), ct);
        if (skipped != causes[0].Count)
        {
            Report.Line("causes", $"FAILED: skipping the largest cause took {skipped:N0} records of {causes[0].Count:N0}");
            return 1;
        }

        Report.Line("causes", $"the largest cause skipped in one statement: {skipped:N0} records in {clockSkip.Elapsed.TotalMilliseconds:F0} ms");
        return 0;
    }

    private static async Task<Guid> PlantAsync(IDbContextFactory<PortalDbContext> databases, int failed, CancellationToken ct)
    {
        var runId = Guid.NewGuid();
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        db.ImportRuns.Add(new ImportRun
        {
            Id = runId, Number = 1, SiteId = Guid.NewGuid(), SiteName = "bench", ProfileName = "bench", ProfileJson = "{}", BindingsJson = "{}",
            OptionsJson = "{}", CreatedBy = "bench", CreatedAt = DateTimeOffset.UtcNow, State = RunState.CompletedWithErrors,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < failed * 2; i++)
        {
            db.ImportRecords.Add(Record(runId, i));
            if (i % 5000 == 4999)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        return runId;
    }

    private static ImportRecord Record(Guid runId, int i)
    {
        var key = i.ToString(CultureInfo.InvariantCulture);
        var record = new ImportRecord
        {
            RunId = runId, Stage = RunStage.Tickets, Entity = EntityKind.Ticket, Doctype = "HD Ticket", SourceKey = key, Table = "tickets", Row = i + 2,
            Sequence = i, PayloadJson = "{\"insert\":{\"subject\":\"Hỗ trợ khách hàng\"}}", State = RecordState.Succeeded, Result = RecordResult.Created,
        };
        if (i % 2 == 0)
        {
            return record;
        }

        record.State = RecordState.Failed;
        record.Result = RecordResult.None;
        (record.Stage, record.ErrorKind, record.ErrorStatus, record.ErrorExcType, record.ErrorMessage) = (i / 2 % 10) switch
        {
            < 4 => (RunStage.Tickets, RecordErrorKind.Data, 417, "LinkValidationError", $"Could not find Customer: Công ty TNHH Hải Đăng {i % 700}"),
            < 6 => (RunStage.Contacts, RecordErrorKind.Data, 417, "InvalidPhoneNumberError", $"09{i:D8} (anh Nam) is not a valid Phone Number"),
            < 9 => (RunStage.Conversations, RecordErrorKind.Dependency, (int?)null, (string?)null, $"dependency failed: Ticket {i / 20} — Could not find Customer: Công ty TNHH Hải Đăng {i / 20 % 700}"),
            _ => (RunStage.Tickets, RecordErrorKind.Transient, 503, (string?)null, "The site answered 503 Service Unavailable 6 times. Retry it later."),
        };
        return record;
    }
}
