using System.Text.Json.Nodes;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A ticket the site refuses: how it fails, what waits on it, and how the operator fixes or skips it.</summary>
public sealed class RejectedRecordTests
{
    private const string Refusal = "Khách hàng đã bị khoá: không nhận phiếu mới";

    [Fact]
    public async Task A_refused_ticket_fails_with_the_decoded_error_and_its_replies_wait_on_it_as_dependency()
    {
        await using var scenario = await RefusedAsync();

        var ticket = scenario.Ticket(7);
        Assert.True(ticket.State == RecordState.Failed, $"the refused ticket should fail: {RecordChecks.Describe(ticket)}");
        Assert.Equal(Refusal, ticket.ErrorMessage);
        Assert.Equal("ValidationError", ticket.ErrorExcType);
        Assert.Equal(417, ticket.ErrorStatus);
        Assert.Equal(RecordErrorKind.Data, ticket.ErrorKind);
        var waiting = scenario.Dependents(7);
        Assert.NotEmpty(waiting);
        Assert.All(waiting, r => Assert.True(r.State == RecordState.Failed && r.ErrorKind == RecordErrorKind.Dependency,
            $"a message or the finalise of the refused ticket should fail as dependency: {RecordChecks.Describe(r)}"));
        var first = waiting.Where(r => r.Stage == RunStage.Conversations).MinBy(r => r.Sequence)!;
        var finalise = waiting.Single(r => r.Stage == RunStage.Finalise);
        Assert.All(new[] { first, finalise }, r => Assert.True(r.ErrorMessage?.Contains(Refusal, StringComparison.Ordinal) == true,
            $"the first message and the finalise should name the ticket's own error: {RecordChecks.Describe(r)}"));
        Assert.Equal(RunState.CompletedWithErrors, await scenario.H.StateAsync(scenario.RunId));
    }

    [Fact]
    public async Task After_editing_the_refused_ticket_and_retrying_it_the_ticket_and_then_its_replies_succeed()
    {
        await using var scenario = await RefusedAsync();
        var h = scenario.H;
        var ticket = scenario.Ticket(7);
        var detail = await h.Queries.DetailAsync(ticket.Id, CancellationToken.None) ?? throw new InvalidOperationException("no detail for the refused ticket");
        var refusedSubject = detail.Planned["subject"]!.GetValue<string>();
        Assert.Equal(refusedSubject, detail.Sent?["subject"]?.GetValue<string>());
        var edited = (JsonObject)detail.Planned.DeepClone();
        edited["subject"] = "Hỏi về hoá đơn tháng 5";

        var result = await h.Runs.EditPayloadAsync("van.hanh", ticket.Id, edited.ToJsonString(), CancellationToken.None);
        Assert.True(result.Succeeded, $"the edit should be accepted: {result.ErrorKey}");
        // Until it goes again, the body last sent is still the refused one, not the edit.
        var waiting = await h.Queries.DetailAsync(ticket.Id, CancellationToken.None);
        Assert.Equal("Hỏi về hoá đơn tháng 5", waiting?.Override?["subject"]?.GetValue<string>());
        Assert.Equal(refusedSubject, waiting?.Sent?["subject"]?.GetValue<string>());
        await h.RetryAsync(scenario.RunId, [ticket.Id]);

        await scenario.ReloadAsync();
        var retried = scenario.Ticket(7);
        Assert.True(retried.State == RecordState.Succeeded, $"the edited ticket should succeed: {RecordChecks.Describe(retried)}");
        var doc = h.Simulator.Store.Get("HD Ticket", retried.FrappeName!);
        Assert.Equal("Hỏi về hoá đơn tháng 5", doc is null ? null : ImportedSite.Text(doc, "subject"));
        var sent = (await h.Queries.DetailAsync(ticket.Id, CancellationToken.None))?.Sent;
        Assert.Equal("Hỏi về hoá đơn tháng 5", sent?["subject"]?.GetValue<string>());
        var dependents = scenario.Dependents(7);
        Assert.All(dependents, r => Assert.True(r.State == RecordState.Succeeded, $"once the ticket is in, what waited on it should succeed: {RecordChecks.Describe(r)}"));
        var conversation = h.Simulator.Store.Where("Communication", c => ImportedSite.Text(c, "reference_name") == retried.FrappeName).Select(c => ImportedSite.Text(c, "custom_source_id"));
        Assert.Equal(scenario.Export.Tickets[6].CommunicationIds, conversation);
        Assert.Equal("Resolved", ImportedSite.Text(doc!, "status"));
    }

    [Fact]
    public async Task Skipping_a_failed_record_marks_it_skipped_and_retry_all_leaves_it_alone()
    {
        await using var scenario = await RefusedAsync();
        var h = scenario.H;
        var ticket = scenario.Ticket(7);

        Assert.True((await h.Runs.SkipAsync("van.hanh", scenario.RunId, [ticket.Id], CancellationToken.None)).Succeeded, "skip should be accepted");
        await h.RetryAsync(scenario.RunId, null);

        await scenario.ReloadAsync();
        var skipped = scenario.Ticket(7);
        Assert.True(skipped.State == RecordState.Skipped, $"the skipped ticket should stay skipped: {RecordChecks.Describe(skipped)}");
        Assert.Empty(h.Simulator.Store.Where("HD Ticket", t => ImportedSite.Text(t, "custom_source_id") == "7"));
        var counts = (await h.Queries.GetAsync(scenario.RunId, CancellationToken.None))!.Progress.Stages.Single(s => s.Stage == RunStage.Tickets);
        Assert.True(counts.Skipped == 1 && counts.Failed == 0, $"the tickets stage should count the skipped ticket as skipped, not failed: {counts}");
    }

    [Fact]
    public async Task A_customer_message_sent_again_after_the_run_leaves_its_closed_ticket_closed_with_the_conversation_s_times()
    {
        // Ticket 8 is Closed, with an agent reply, a customer reply (note 500071) and a private note. The site refuses
        // the customer reply; the run finalises the ticket without it. Sent again later, that reply reopens the ticket
        // and stamps its last customer response with "now", as Helpdesk does: its finalise must run again after it.
        var export = AccountExport.Create(tickets: 12);
        var source = export.Tickets[7];
        Assert.Equal("Closed", source.Status);
        var customerReply = source.Notes.Single(n => n.Incoming);
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add("Communication", doc => doc["content"]?.ToString().Contains($"ghi chú {customerReply.Id}", StringComparison.Ordinal) == true, Refusal);
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        var key = customerReply.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var refused = (await h.RecordsAsync(runId)).Single(r => r.Stage == RunStage.Conversations && r.SourceKey == key);
        Assert.True(refused.State == RecordState.Failed && refused.ErrorKind == RecordErrorKind.Data, $"the site refused the customer reply: {RecordChecks.Describe(refused)}");

        h.Simulator.Faults.Rejections.Clear();
        await h.RetryAsync(runId, [refused.Id]);

        var records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(RecordChecks.WentThrough(r, export), $"every record should be in after the retry: {RecordChecks.Describe(r)}"));
        var ticketRecord = records.Single(r => r.Stage == RunStage.Tickets && r.SourceKey == "8");
        var ticket = h.Simulator.Store.Get("HD Ticket", ticketRecord.FrappeName!)!;
        Assert.Equal("Closed", ImportedSite.Text(ticket, "status"));
        Assert.Equal(ImportedSite.Utc(customerReply.CreatedAt, "yyyy-MM-dd HH:mm:ss"), ImportedSite.Text(ticket, "last_customer_response"));
        Assert.Equal(ImportedSite.Utc(source.Notes.Where(n => !n.Private && !n.Incoming).Max(n => n.CreatedAt), "yyyy-MM-dd HH:mm:ss"), ImportedSite.Text(ticket, "last_agent_response"));

        // The ticket's detail shows its finalise PUTs as they went, the conversation's times included.
        var detail = await h.Queries.DetailAsync(ticketRecord.Id, CancellationToken.None);
        Assert.Equal(ImportedSite.Text(ticket, "last_customer_response"), detail?.FinaliseDates?["last_customer_response"]?.GetValue<string>());
    }

    /// <summary>An export of 12 tickets whose ticket 7 (Resolved, with two replies and a private note) the site refuses, imported once.</summary>
    private static async Task<Scenario> RefusedAsync()
    {
        var export = AccountExport.Create(tickets: 12).WithSubject(7, "Từ chối: khách hàng bị khoá");
        var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add("HD Ticket", doc => doc["subject"]?.ToString().StartsWith("Từ chối", StringComparison.Ordinal) == true, Refusal);
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        var scenario = new Scenario(h, export, runId);
        await scenario.ReloadAsync();
        return scenario;
    }

    private sealed class Scenario(RunsHarness h, AccountExport export, Guid runId) : IAsyncDisposable
    {
        private List<ImportRecord> _records = [];

        public RunsHarness H => h;

        public AccountExport Export => export;

        public Guid RunId => runId;

        public async Task ReloadAsync() => _records = await h.RecordsAsync(runId);

        public ImportRecord Ticket(int displayId) =>
            _records.Single(r => r.Stage == RunStage.Tickets && r.SourceKey == displayId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>The ticket's messages and its finalise record.</summary>
        public List<ImportRecord> Dependents(int displayId)
        {
            var key = displayId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return _records.Where(r => (r.Stage == RunStage.Conversations && r.GroupKey == key) || (r.Stage == RunStage.Finalise && r.SourceKey == key)).ToList();
        }

        public ValueTask DisposeAsync() => h.DisposeAsync();
    }
}
