using System.Globalization;
using FrappeSimulator.Faults;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// The files of an account export, fetched from their links (a file store on loopback) and uploaded to the site's
/// messages by the real run job, as the last stage of the run.
/// </summary>
public sealed class AttachmentImportTests
{
    [Fact]
    public async Task Files_of_descriptions_replies_and_private_notes_land_on_their_messages_with_their_bytes_and_a_second_run_fetches_none()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(tickets: 40).WithAttachments(origin).WithInlineImages();
        await using var h = await RunsHarness.StartAsync();
        var before = h.Simulator.Store.CountsByDoctype();

        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        RecordChecks.AllWentThrough(records, export);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(export.ExpectedRecords, records.Count);
        Assert.True(export.Attachments.Count() >= 15, "the sample should have files on every kind of message");
        Assert.All(records.Where(r => r.Entity == EntityKind.Attachment), r => Assert.Equal(RunStage.Attachments, r.Stage));
        var counts = ImportedSite.CountProblems(h.Simulator.Store, export, before);
        Assert.True(counts.Count == 0, "the site should hold exactly the export's documents and files: " + ImportedSite.Describe(counts));
        var files = ImportedSite.AttachmentProblems(h.Simulator, export);
        Assert.True(files.Count == 0, "every file should be on its message with its bytes: " + ImportedSite.Describe(files));
        var images = ImportedSite.InlineImageProblems(h.Simulator, export);
        Assert.True(export.InlineImages.Count() >= 3 && export.InlineImages.Any(i => i.Ticket.Notes.Count(n => n.Body.Contains("<img", StringComparison.Ordinal)) > 1), "the sample should show an image in several replies of a ticket: " + string.Join("; ", export.InlineImages.Select(i => $"{i.Ticket.SourceId}: {i.Ticket.Notes.Count(n => n.Body.Contains("<img", StringComparison.Ordinal))} of {i.Ticket.Notes.Count}")));
        Assert.True(images.Count == 0, "every reply should show its image from the site: " + ImportedSite.Describe(images));
        Assert.Empty(ImportedSite.DuplicateProblems(h.Simulator.Store));
        // Each image is fetched once per reply that shows it; each file once.
        var shown = export.InlineImages.Sum(i => i.Ticket.Notes.Count(n => n.Body.Contains("<img", StringComparison.Ordinal)));
        Assert.Equal(export.Attachments.Count() + shown, origin.Requests);

        // The same export again: every file is in the ledger, so none is fetched or uploaded again.
        var again = await h.StartAsync(await h.AccountExportProfileAsync("Freshdesk tài khoản, lần hai"), await h.UploadAccountExportAsync(export));
        await h.ExecuteAsync(again, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(again));
        Assert.Empty(ImportedSite.CountProblems(h.Simulator.Store, export, before));
        Assert.Equal(export.Attachments.Count() + shown, origin.Requests);
        Assert.All((await h.RecordsAsync(again)).Where(r => r.Entity == EntityKind.Attachment), r => Assert.Equal((RecordState.Skipped, RecordResult.Existing), (r.State, r.Result)));
    }

    [Fact]
    public async Task An_expired_link_fails_its_file_saying_what_to_do_a_busy_store_is_asked_again_and_the_retry_brings_the_file()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(tickets: 12).WithAttachments(origin);
        var files = export.Attachments.Select(a => a.File).ToList();
        var (expired, busy) = (files[0], files[^1]);
        origin.Expired[expired.Id] = true;
        origin.BusyFor[busy.Id] = 2;
        await using var h = await RunsHarness.StartAsync();

        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        var failed = records.Single(r => r.SourceKey == Key(expired.Id) && r.Entity == EntityKind.Attachment);
        Assert.True(failed is { State: RecordState.Failed, ErrorKind: RecordErrorKind.Data, ErrorStatus: 403 }, RecordChecks.Describe(failed));
        Assert.Contains("links expire", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Export from Freshdesk again", failed.ErrorMessage, StringComparison.Ordinal);
        // The signed link's query is a credential: the record's attempts name the file without it.
        var detail = await h.Queries.DetailAsync(failed.Id, CancellationToken.None);
        Assert.NotNull(detail);
        Assert.DoesNotContain(detail.Attempts, a => a.Request.Contains("X-Amz-Signature", StringComparison.Ordinal));
        Assert.Contains(detail.Attempts, a => a.Request.Contains($"/files/{expired.Id}/", StringComparison.Ordinal));

        var fetchedTwiceBusy = records.Single(r => r.SourceKey == Key(busy.Id) && r.Entity == EntityKind.Attachment);
        Assert.Equal(RecordState.Succeeded, fetchedTwiceBusy.State);
        Assert.Equal(3, origin.RequestsFor(busy.Id));
        Assert.All(records.Where(r => r.Id != failed.Id), r => Assert.True(RecordChecks.WentThrough(r, export), RecordChecks.Describe(r)));

        // A fresh link (a new export, as the message says): the retry fetches and uploads it.
        origin.Expired.Clear();
        await h.RetryAsync(runId, [failed.Id]);

        var retried = (await h.RecordsAsync(runId)).Single(r => r.Id == failed.Id);
        Assert.Equal(RecordState.Succeeded, retried.State);
        var problems = ImportedSite.AttachmentProblems(h.Simulator, export);
        Assert.True(problems.Count == 0, ImportedSite.Describe(problems));
    }

    [Fact]
    public async Task An_upload_whose_answer_was_lost_is_found_by_its_bytes_and_never_made_twice()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(tickets: 24).WithAttachments(origin);
        await using var h = await RunsHarness.StartAsync();
        // The site stores the file and then the connection drops: the run cannot know the upload landed.
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 3, FaultTarget.ForMethod("upload_file"));
        h.Simulator.Faults.AddNth(FaultKind.ConnectionReset, 4, FaultTarget.ForMethod("upload_file"));
        var before = h.Simulator.Store.CountsByDoctype();

        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        RecordChecks.AllWentThrough(records, export);
        Assert.Empty(ImportedSite.DuplicateProblems(h.Simulator.Store));
        Assert.Empty(ImportedSite.CountProblems(h.Simulator.Store, export, before));
        var problems = ImportedSite.AttachmentProblems(h.Simulator, export);
        Assert.True(problems.Count == 0, ImportedSite.Describe(problems));
        // The upload whose answer was lost was looked up, and found; the one reset before the site read it was not, and went again.
        var attempts = new List<string>();
        foreach (var record in records.Where(r => r.Entity == EntityKind.Attachment))
        {
            attempts.AddRange((await h.Queries.DetailAsync(record.Id, CancellationToken.None))!.Attempts.Select(a => $"{a.Request} → {a.Outcome}"));
        }

        Assert.True(attempts.Any(a => a.StartsWith("GET File?", StringComparison.Ordinal) && a.Contains("→ found ", StringComparison.Ordinal)), string.Join("\n", attempts));
        Assert.True(attempts.Any(a => a.StartsWith("GET File?", StringComparison.Ordinal) && a.EndsWith("→ not found", StringComparison.Ordinal)), string.Join("\n", attempts));
    }

    [Fact]
    public async Task A_message_whose_image_cannot_be_copied_still_goes_in_showing_the_image_from_where_it_was()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(tickets: 12).WithAttachments(origin).WithInlineImages();
        var (ticket, image) = export.InlineImages.First(i => i.Ticket.SourceId == "7");
        origin.Expired[image] = true;
        await using var h = await RunsHarness.StartAsync();

        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(RecordChecks.WentThrough(r, export), RecordChecks.Describe(r)));
        var reply = ticket.Notes.First(n => n.Body.Contains("<img", StringComparison.Ordinal));
        var record = records.Single(r => r.Stage == RunStage.Conversations && r.SourceKey == Key(reply.Id));
        var content = ImportedSite.Text(h.Simulator.Store.Get("Communication", record.FrappeName!)!, "content");
        Assert.Contains($"/inline/{image}?token=t{image}&amp;v=1", content, StringComparison.Ordinal);
        var detail = await h.Queries.DetailAsync(record.Id, CancellationToken.None);
        Assert.Contains(detail!.Attempts, a => a.Outcome.Contains("The image keeps its link.", StringComparison.Ordinal) && a.Outcome.Contains("403", StringComparison.Ordinal));
        // The other tickets' images are copied as ever.
        var others = ImportedSite.InlineImageProblems(h.Simulator, export);
        Assert.True(others.Count > 0 && others.All(p => p.StartsWith("ticket 7 ", StringComparison.Ordinal)), ImportedSite.Describe(others));
    }

    [Fact]
    public async Task A_run_without_its_attachments_stage_fetches_neither_files_nor_images()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(tickets: 12).WithAttachments(origin).WithInlineImages();
        await using var h = await RunsHarness.StartAsync();
        var files = h.Simulator.Store.Count("File");

        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 8, Stages = [.. RunStages.All.Where(s => s != RunStage.Attachments)] });
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal((0, files), (origin.Requests, h.Simulator.Store.Count("File")));
        var (ticket, image) = export.InlineImages.First();
        var reply = ticket.Notes.First(n => n.Body.Contains("<img", StringComparison.Ordinal));
        var record = (await h.RecordsAsync(runId)).Single(r => r.Stage == RunStage.Conversations && r.SourceKey == Key(reply.Id));
        Assert.Contains($"/inline/{image}?token=", ImportedSite.Text(h.Simulator.Store.Get("Communication", record.FrappeName!)!, "content"), StringComparison.Ordinal);
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
