using FrappeSimulator.Faults;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// A run started with batches sends new tickets and organisations several in one request (insert_many): each still
/// ends with its own name, ledger line and attempts, and a batch that fails is never sent again as a batch nor creates
/// anything twice. A run without batches sends every document on its own.
/// </summary>
public sealed class BatchInsertTests
{
    private const string InsertMany = "POST /api/method/frappe.client.insert_many";
    private const string SinglePost = "POST /api/resource/HD Ticket";
    private const string Refusal = "Khách hàng đã bị khoá: không nhận phiếu mới";

    private static readonly RunOptions Batches = new() { Ceiling = 8, Batches = true };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_without_batches_sends_every_ticket_on_its_own()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(20));

        await h.ExecuteAsync(runId, Ct);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(0, h.Simulator.Store.Requests.Count(InsertMany));
        Assert.Equal(20, h.Simulator.Store.Requests.Count(SinglePost));
    }

    [Fact]
    public async Task A_run_with_batches_sends_only_the_configured_doctypes_in_batches()
    {
        // Only organisations are configured: the tickets of the same batched run go one by one.
        await using var h = await RunsHarness.StartAsync(insertMany: "HD Customer");
        var runId = await h.StartAccountExportRunAsync(AccountExport.Create(tickets: 30), Batches);

        await h.ExecuteAsync(runId, Ct);

        var records = await h.RecordsAsync(runId);
        var tickets = records.Count(r => r.Stage == RunStage.Tickets);
        var organisations = records.Count(r => r.Stage == RunStage.Organisations);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(tickets, h.Simulator.Store.Requests.Count(SinglePost));
        Assert.True(h.Simulator.Store.Requests.Count(InsertMany) > 0, "the organisations should go in insert_many batches");
        Assert.True(h.Simulator.Store.Requests.Count("POST /api/resource/HD Customer") < organisations / 2,
            $"most of the {organisations} organisations should go in batches");
        Assert.Equal(organisations, h.Simulator.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task New_tickets_go_in_batches_and_each_record_gets_the_name_of_its_own_document()
    {
        await using var h = await RunsHarness.StartAsync();
        // More senders than tickets: the batches are formed from what was claimed, not from what idle senders find waiting.
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(60), Batches with { Ceiling = 64 });

        await h.ExecuteAsync(runId, Ct);

        var tickets = (await h.RecordsAsync(runId)).Where(r => r.Stage == RunStage.Tickets).ToList();
        var requests = h.Simulator.Store.Requests;
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.True(requests.Count(InsertMany) > 0, "tickets and organisations should go to the site in insert_many batches");
        Assert.True(requests.Count(SinglePost) < tickets.Count / 10,
            $"the tickets should go in batches: {requests.Count(SinglePost)} single posts for {tickets.Count} tickets");
        Assert.Equal(tickets.Count, h.Simulator.Store.Count("HD Ticket"));
        Assert.Empty(h.Simulator.Store.FindDuplicates("HD Ticket", "custom_source_id"));
        // Names come back in the order the documents were sent: every record holds the document made from it.
        Assert.All(tickets, r => Assert.Equal(
            RecordPayloadJson.Read(r.PayloadJson).Insert["custom_source_id"]?.ToString(),
            ImportedSite.Text(h.Simulator.Store.Get("HD Ticket", r.FrappeName!)!, "custom_source_id")));
        var ledger = await h.InDatabaseAsync(db => db.IdMap.Where(l => l.Doctype == "HD Ticket").CountAsync(Ct));
        Assert.Equal(tickets.Count, ledger);
        var attempts = await AttemptsAsync(h, tickets.Select(t => t.Id));
        Assert.Contains(attempts, a => a.Request.StartsWith("POST insert_many HD Ticket (", StringComparison.Ordinal) && a.Outcome == "created");
    }

    [Fact]
    public async Task A_batch_the_site_refuses_is_sent_again_one_by_one_and_only_the_refused_ticket_fails()
    {
        var export = AccountExport.Create(tickets: 12).WithSubject(7, "Từ chối: khách hàng bị khoá");
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add("HD Ticket", doc => doc["subject"]?.ToString().StartsWith("Từ chối", StringComparison.Ordinal) == true, Refusal);
        var runId = await h.StartAccountExportRunAsync(export, Batches);

        await h.ExecuteAsync(runId, Ct);

        var tickets = (await h.RecordsAsync(runId)).Where(r => r.Stage == RunStage.Tickets).ToList();
        var refused = tickets.Single(r => r.ErrorMessage == Refusal);
        var attempts = await AttemptsAsync(h, [refused.Id]);
        Assert.Equal(RecordState.Failed, refused.State);
        Assert.Equal(417, refused.ErrorStatus);
        // First in a batch the site refused as a whole, then alone, refused again: the error is its own.
        Assert.Equal(["POST insert_many HD Ticket", "POST HD Ticket"], attempts.Select(a => a.Request.Split(" (")[0]));
        Assert.All(tickets.Where(r => r.Id != refused.Id), r => Assert.True(r.State == RecordState.Succeeded, RecordChecks.Describe(r)));
        Assert.Equal(tickets.Count - 1, h.Simulator.Store.Count("HD Ticket"));
        Assert.Empty(h.Simulator.Store.FindDuplicates("HD Ticket", "custom_source_id"));
        Assert.Equal(RunState.CompletedWithErrors, await h.StateAsync(runId));
    }

    [Fact]
    public async Task A_batch_whose_answer_is_lost_after_the_site_committed_it_is_found_and_never_sent_again()
    {
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, FaultTarget.ForMethod("frappe.client.insert_many"));
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(40), Batches);

        await h.ExecuteAsync(runId, Ct);

        var records = await h.RecordsAsync(runId);
        var attempts = await AttemptsAsync(h, records.Select(r => r.Id));
        var lost = attempts.Where(a => a.Request.StartsWith("POST insert_many", StringComparison.Ordinal) && a.Outcome != "created").Select(a => a.RecordId).ToHashSet();
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.NotEmpty(lost);
        // The site had them: each was found by its external id and adopted as created, with no second send.
        Assert.All(records.Where(r => lost.Contains(r.Id)), r =>
        {
            Assert.True(r.State == RecordState.Succeeded && r.Result == RecordResult.Created, RecordChecks.Describe(r));
            Assert.Single(attempts, a => a.RecordId == r.Id && a.Request.StartsWith("POST", StringComparison.Ordinal));
        });
        Assert.Equal(40, h.Simulator.Store.Count("HD Ticket"));
        Assert.Empty(h.Simulator.Store.FindDuplicates("HD Ticket", "custom_source_id"));
        Assert.Empty(h.Simulator.Store.FindDuplicates("HD Customer", "custom_source_id"));
    }

    private static Task<List<RecordAttempt>> AttemptsAsync(RunsHarness h, IEnumerable<long> recordIds)
    {
        var ids = recordIds.ToList();
        return h.InDatabaseAsync(db => db.RecordAttempts.AsNoTracking().Where(a => ids.Contains(a.RecordId)).OrderBy(a => a.Id).ToListAsync(Ct));
    }
}
