using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Quiet;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// The portal's own database refuses a write in the middle of a run (a full disk, a damaged file): the run must not stay
/// "Running" with no job on it and its helpdesk kept quiet, and resuming it must neither lose nor duplicate a ticket.
/// </summary>
public sealed class PortalFailureTests
{
    private const int Tickets = 30;
    private const string Refusal = "database or disk is full";

    private static readonly string RefuseTicketOutcomes = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"CREATE TRIGGER refuse_ticket_outcomes BEFORE UPDATE OF FrappeName ON ImportRecords WHEN NEW.Stage = {(int)RunStage.Tickets} AND NEW.State = {(int)RecordState.Succeeded} BEGIN SELECT RAISE(FAIL, '{Refusal}'); END");

    [Fact]
    public async Task A_run_whose_database_refuses_its_outcomes_fails_puts_its_site_back_and_resumes_to_the_end_without_a_duplicate()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(Tickets));
        // SQLite itself refuses every ticket outcome: the tickets are created on the site, and the portal cannot write that down.
        await h.InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(RefuseTicketOutcomes));

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var view = await h.Queries.GetAsync(runId, CancellationToken.None) ?? throw new InvalidOperationException("the run is gone");
        Assert.Equal(RunState.Failed, view.State);
        Assert.True(view.ErrorInPortal, $"the error should be the portal's own: {view.Error}");
        Assert.Contains("the portal's database refused a write", view.Error, StringComparison.Ordinal);
        Assert.Contains(Refusal, view.Error, StringComparison.Ordinal);
        Assert.Equal(QuietPhase.Restored, view.Quiet?.Phase);
        var sentBefore = h.Simulator.Store.Count("HD Ticket");
        Assert.True(sentBefore > 0, "the site should have received tickets before the portal failed to record them");
        var records = await h.RecordsAsync(runId);
        Assert.DoesNotContain(records, r => r.Stage == RunStage.Tickets && r.State == RecordState.Succeeded);

        // The disk has room again: the operator resumes, and every ticket sent before is found on the site, not sent again.
        await h.InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_ticket_outcomes"));
        var resumed = await h.Runs.ResumeAsync("van.hanh", runId, CancellationToken.None);
        Assert.True(resumed.Succeeded, resumed.ErrorKey);
        Assert.Null((await h.Queries.GetAsync(runId, CancellationToken.None))?.Error);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(r.State == RecordState.Succeeded || RecordChecks.FoundOnFreshSite(r), RecordChecks.Describe(r)));
        Assert.Equal(Tickets, h.Simulator.Store.Count("HD Ticket"));
        Assert.Empty(h.Simulator.Store.FindDuplicates("HD Ticket", "custom_source_id"));
        // Those the site had before are this run's own, found by their external id: created, once.
        Assert.All(records.Where(r => r.Stage == RunStage.Tickets), r => Assert.Equal(RecordResult.Created, r.Result));
    }

    [Fact]
    public void A_full_disk_is_said_plainly_and_any_other_error_by_its_type()
    {
        var full = new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);

        Assert.StartsWith("the portal's database could not grow: the disk of its data folder is full", PortalFailure.Sentence(full).English, StringComparison.Ordinal);
        Assert.StartsWith("the portal's database could not grow", PortalFailure.Sentence(new DbUpdateException("An error occurred while saving.", full)).English, StringComparison.Ordinal);
        Assert.Equal("an unexpected error in the portal (KeyNotFoundException: The given key 'Tickets' was not present in the dictionary.)",
            PortalFailure.Sentence(new KeyNotFoundException("The given key 'Tickets' was not present in the dictionary.")).English);
    }

    [Fact]
    public async Task A_file_the_portal_cannot_write_on_a_full_disk_says_so_in_the_readers_language()
    {
        // The kernel's own refusal (ENOSPC), as an attachment's temporary copy meets it when the disk fills.
        var full = await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await using var device = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
            await device.WriteAsync(new byte[4096], TestContext.Current.CancellationToken);
        });

        var sentence = PortalFailure.Sentence(full);

        Assert.Equal(RecordTexts.DiskFull, sentence.Key);
        Assert.StartsWith("the portal could not write a file: its disk is full (", sentence.English, StringComparison.Ordinal);
        Assert.StartsWith("cổng nhập không ghi được tệp: ổ đĩa đã đầy (", PortalTexts.Render([sentence], System.Globalization.CultureInfo.GetCultureInfo("vi")), StringComparison.Ordinal);
        // Any other failure to write stays the unexpected error it is.
        Assert.Equal(RecordTexts.Unexpected, PortalFailure.Sentence(new IOException("Broken pipe")).Key);
    }
}
