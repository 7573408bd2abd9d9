using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>Taking a run back off its site: what it created goes, in an order the site accepts; what people touched since stays.</summary>
public sealed class RunRemovalTests(ITestOutputHelper output)
{
    private const string Operator = "quan.tri@haravan.example";

    [Fact]
    public async Task Removing_a_run_deletes_every_document_it_created_and_the_same_uploads_then_import_again()
    {
        var export = AccountExport.Create(tickets: 40);
        await using var h = await RunsHarness.StartAsync();
        var before = h.Simulator.Store.CountsByDoctype();
        var bindings = await h.UploadAccountExportAsync(export);
        var profile = await h.AccountExportProfileAsync();
        var first = await h.StartAsync(profile, bindings);
        await h.ExecuteAsync(first, TestContext.Current.CancellationToken);
        Assert.Equal(RunState.Completed, await h.StateAsync(first));
        var created = (await h.RecordsAsync(first)).Where(r => r.Result == RecordResult.Created).ToList();
        var doctypes = created.Select(r => r.Doctype).ToHashSet();
        Assert.Superset(new HashSet<string> { "User", "HD Agent", "HD Customer", "Contact", "HD Ticket", "Communication", "HD Ticket Comment" }, doctypes);

        var view = await RequestAndRunAsync(h, first);

        output.WriteLine(string.Join("\n", view.Left));
        Assert.Equal((created.Count, created.Count, 0L, 0L, true, (string?)null),
            (view.Progress.Total, view.Progress.Removed, view.Progress.Kept, view.Progress.Failed, view.Progress.Finished, view.Error));
        var after = h.Simulator.Store.CountsByDoctype();
        // Frappe makes a contact for every user it creates, and keeps it when the user goes (its link cleared): the
        // agents' contacts are Frappe's, not the run's, and stay.
        var agentContacts = h.Simulator.Store.Where("Contact", c => export.Agents.Any(a => a.Email == c["email_id"]?.GetValue<string>())).ToList();
        Assert.Equal(AccountExport.AgentCount, agentContacts.Count);
        Assert.All(agentContacts, c => Assert.Null(c["user"]?.GetValue<string>()));
        var left = doctypes.Where(d => after.GetValueOrDefault(d) - (d == "Contact" ? agentContacts.Count : 0) != before.GetValueOrDefault(d))
            .Select(d => $"{d}: {before.GetValueOrDefault(d)} before, {after.GetValueOrDefault(d)} after").ToList();
        Assert.True(left.Count == 0, "the site should hold no document the run created: " + string.Join("; ", left));
        Assert.Empty(h.Simulator.Store.List("ToDo"));
        Assert.Equal(0, await h.InDatabaseAsync(db => db.IdMap.CountAsync(e => e.FirstRunId == first && e.Created)));
        Assert.All(await h.RecordsAsync(first), r => Assert.Equal(r.Result == RecordResult.Created ? RemovalOutcome.Removed : null, r.Removal));
        // The order the site needs: a ticket's messages before the ticket, contacts before their organisations, agents before their users.
        var deletes = h.Simulator.Store.Requests.Snapshot().Where(r => r.Key.StartsWith("DELETE ", StringComparison.Ordinal)).ToDictionary(r => r.Key, r => r.Value);
        Assert.Equal(created.Count, deletes.Values.Sum());

        var again = await h.StartAsync(profile, bindings);
        await h.ExecuteAsync(again, TestContext.Current.CancellationToken);

        output.WriteLine(await h.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == again).Select(r => r.Error).FirstAsync()) ?? "");
        output.WriteLine(RecordChecks.Tally(await h.RecordsAsync(again)));
        Assert.Equal(RunState.Completed, await h.StateAsync(again));
        Assert.Equal(created.Count, (await h.RecordsAsync(again)).Count(r => r.Result == RecordResult.Created));
        var problems = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(problems.Count == 0, "the second import should make the site as the export says: " + ImportedSite.Describe(problems));
        var duplicates = ImportedSite.DuplicateProblems(h.Simulator.Store);
        Assert.True(duplicates.Count == 0, "nothing may be there twice: " + ImportedSite.Describe(duplicates));
    }

    [Fact]
    public async Task What_an_agent_worked_on_since_stays_with_its_reason_and_asking_again_with_changed_ones_takes_those_too()
    {
        var export = AccountExport.Create(tickets: 12);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        var records = await h.RecordsAsync(runId);
        string Ticket(int displayId) => records.Single(r => r.Stage == RunStage.Tickets && r.SourceKey == displayId.ToString(System.Globalization.CultureInfo.InvariantCulture)).FrappeName!;
        // After the run, an agent edited ticket 1, answered ticket 2, and made a ticket by hand for the contact of ticket 3.
        var store = h.Simulator.Store;
        var edited = store.Get("HD Ticket", Ticket(1))!.DeepClone().AsObject();
        edited["priority"] = "High";
        edited["modified_by"] = "lan.nguyen@haravan.vn";
        edited["modified"] = "2026-12-01 09:30:00";
        h.Simulator.Seed("HD Ticket", edited);
        h.Simulator.Seed("Communication", new JsonObject
        {
            ["communication_type"] = "Communication", ["communication_medium"] = "Email", ["sent_or_received"] = "Sent", ["subject"] = "Re: phiếu 2",
            ["content"] = "Chúng tôi đã kiểm tra lại đơn hàng.", ["sender"] = "lan.nguyen@haravan.vn", ["reference_doctype"] = "HD Ticket", ["reference_name"] = Ticket(2),
        });
        var contact = store.Get("HD Ticket", Ticket(3))!["contact"]!.GetValue<string>();
        var byHand = h.Simulator.Seed("HD Ticket", new JsonObject { ["subject"] = "Khách gọi điện hỏi lại", ["raised_by"] = "khach@example.vn", ["contact"] = contact });

        var view = await RequestAndRunAsync(h, runId);

        output.WriteLine(string.Join("\n", view.Left));
        var edited1 = view.Left.Single(l => l.FrappeName == Ticket(1));
        Assert.Equal((RemovalOutcome.Kept, RemovalReason.ChangedSince, "lan.nguyen@haravan.vn · 2026-12-01 09:30:00"), (edited1.Outcome, edited1.Reason, edited1.Note));
        var answered = view.Left.Single(l => l.FrappeName == Ticket(2));
        Assert.Equal((RemovalOutcome.Kept, RemovalReason.OtherMessages, "1"), (answered.Outcome, answered.Reason, answered.Note));
        var named = view.Left.Single(l => l.FrappeName == contact);
        Assert.Equal((RemovalOutcome.Kept, RemovalReason.Linked), (named.Outcome, named.Reason));
        Assert.Contains($"HD Ticket {byHand}", named.Note);
        // What the kept tickets need stays with them: their contacts, organisations, type and team, each saying which ticket needs it.
        AssertKeptFor(view, [Ticket(1), Ticket(2), byHand]);
        Assert.Equal(0L, view.Progress.Failed);
        Assert.Equal(view.Progress.Total - view.Left.Count, view.Progress.Removed);
        Assert.Equal(view.Left.Count, view.Progress.Kept);
        Assert.Null(store.Get("HD Ticket", Ticket(3)));
        Assert.NotNull(store.Get("HD Ticket", Ticket(1)));
        Assert.NotNull(store.Get("HD Ticket", byHand));
        // The kept ones stay in the ledger: a later import finds them instead of creating them again.
        Assert.Equal(view.Left.Count, await h.InDatabaseAsync(db => db.IdMap.CountAsync(e => e.FirstRunId == runId && e.Created)));

        var twice = await RequestAndRunAsync(h, runId, includeChanged: true);

        output.WriteLine(string.Join("\n", twice.Left));
        Assert.Null(store.Get("HD Ticket", Ticket(1)));
        Assert.DoesNotContain(twice.Left, l => l.FrappeName == Ticket(1));
        Assert.Equal(RemovalReason.OtherMessages, twice.Left.Single(l => l.FrappeName == Ticket(2)).Reason);
        AssertKeptFor(twice, [Ticket(2), byHand]);
        Assert.True(twice.Left.Count < view.Left.Count, "what only the edited ticket needed should go with it");
        Assert.Equal((twice.Progress.Total - twice.Left.Count, (long)twice.Left.Count, 0L), (twice.Progress.Removed, twice.Progress.Kept, twice.Progress.Failed));
    }

    /// <summary>Every document kept for a link names one of the tickets that stay.</summary>
    private static void AssertKeptFor(RunRemovalView view, string[] tickets)
    {
        var linked = view.Left.Where(l => l.Reason == RemovalReason.Linked).ToList();
        Assert.NotEmpty(linked);
        Assert.All(linked, l => Assert.Contains(tickets, t => l.Note!.EndsWith($"HD Ticket {t}", StringComparison.Ordinal)));
        Assert.All(view.Left, l => Assert.Equal(RemovalOutcome.Kept, l.Outcome));
    }

    [Fact]
    public async Task On_helpdesk_1_28_the_contacts_an_organisation_lists_as_members_go_once_the_organisation_has_gone()
    {
        var export = AccountExport.Create(tickets: 20);
        await using var h = await RunsHarness.StartAsync(new FrappeSimulator.Hosting.SimulatorOptions { Helpdesk = FrappeSimulator.Hosting.HelpdeskVersion.V1_28 });
        h.SeedAgents(export);
        var before = h.Simulator.Store.CountsByDoctype();
        var runId = await MembershipImportTests.StartMembersRunAsync(h, export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        Assert.Contains(await h.RecordsAsync(runId), r => r.Stage == RunStage.Memberships && r.State == RecordState.Succeeded);

        var view = await RequestAndRunAsync(h, runId);

        // The contacts come first in the order, but each organisation's member list names them: Frappe refuses them
        // until the organisation has gone, and the job looks at them once more then.
        output.WriteLine(string.Join("\n", view.Left));
        Assert.Equal((view.Progress.Total, 0L, 0L), (view.Progress.Removed, view.Progress.Kept, view.Progress.Failed));
        var after = h.Simulator.Store.CountsByDoctype();
        Assert.All(new[] { "HD Customer", "Contact", "HD Ticket", "Communication" }, d => Assert.Equal((d, before.GetValueOrDefault(d)), (d, after.GetValueOrDefault(d))));
    }

    [Fact]
    public async Task Through_rate_limits_deadlocks_and_resets_every_document_goes_once()
    {
        var export = AccountExport.Create(tickets: 60);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var before = h.Simulator.Store.CountsByDoctype();
        var runId = await h.StartAccountExportRunAsync(export, new RunOptions { Ceiling = 8 });
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        var created = (await h.RecordsAsync(runId)).Count(r => r.Result == RecordResult.Created);
        var faults = h.Simulator.Faults;
        faults.LimitRate(40, TimeSpan.FromSeconds(1));
        var rules = new[] { faults.AddShare(FaultKind.Deadlock, 0.03), faults.AddShare(FaultKind.ConnectionReset, 0.02), faults.AddShare(FaultKind.CommitThenDrop, 0.02) };
        var responses = h.Responses[429];

        var view = await RequestAndRunAsync(h, runId);

        output.WriteLine("faults fired: " + string.Join(", ", rules.Select(r => $"{r.Kind} {faults.Hits(r)}")) + $"; 429s {h.Responses[429] - responses}");
        Assert.True(rules.All(r => faults.Hits(r) > 0) && h.Responses[429] > responses, "every kind of fault should have fired, or the test proves nothing");
        Assert.Equal((created, (long)created, 0L, 0L, (string?)null), (view.Progress.Total, view.Progress.Removed, view.Progress.Kept, view.Progress.Failed, view.Error));
        faults.Clear();
        var after = h.Simulator.Store.CountsByDoctype();
        foreach (var doctype in new[] { "HD Customer", "Contact", "HD Ticket", "Communication", "HD Ticket Comment" })
        {
            Assert.Equal((doctype, before.GetValueOrDefault(doctype)), (doctype, after.GetValueOrDefault(doctype)));
        }
    }

    [Fact]
    public async Task A_site_that_stops_answering_ends_the_removal_with_why_and_asking_again_goes_on_where_it_stopped()
    {
        var export = AccountExport.Create(tickets: 12);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        var created = (await h.RecordsAsync(runId)).Count(r => r.Result == RecordResult.Created);
        var tickets = h.Simulator.Store.Count("HD Ticket");
        // The messages go first; then every ticket's delete has its connection cut before the site reads it.
        var cut = h.Simulator.Faults.AddShare(FaultKind.ConnectionReset, 1.0, FaultTarget.ForDoctype("HD Ticket", "DELETE"));

        var stopped = await RequestAndRunAsync(h, runId);

        Assert.True(h.Simulator.Faults.Hits(cut) > 0, "the deletes should have met the cut connections");
        Assert.False(stopped.Running);
        Assert.NotNull(stopped.Error);
        Assert.True(stopped.Progress.Finished);
        Assert.Equal(0L, stopped.Progress.Failed);
        Assert.True(stopped.Progress.Removed > 0 && stopped.Progress.Removed < created, $"the messages should be gone and the tickets not: {stopped.Progress}");
        Assert.Equal(tickets, h.Simulator.Store.Count("HD Ticket"));
        Assert.Equal(0, h.Simulator.Store.Count("HD Ticket Comment"));
        Assert.Contains(await h.InDatabaseAsync(db => db.AuditEvents.Select(a => a.Action).ToListAsync()), a => a == "run.removal.stopped");

        h.Simulator.Faults.Clear();
        var done = await RequestAndRunAsync(h, runId);

        Assert.Equal(((long)created, (long)created, 0L, 0L, (string?)null), (done.Progress.Total, done.Progress.Removed, done.Progress.Kept, done.Progress.Failed, done.Error));
        Assert.Equal(tickets - 12, h.Simulator.Store.Count("HD Ticket"));
    }

    [Fact]
    public async Task A_removal_stopped_in_the_middle_goes_on_where_it_stopped_and_counts_each_document_once()
    {
        var export = AccountExport.Create(tickets: 80);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);
        var created = (await h.RecordsAsync(runId)).Count(r => r.Result == RecordResult.Created);
        Assert.True(created > 2 * RemoveRunJob.Batch, "the run should need several batches to take back");
        var removals = h.Services.GetRequiredService<RunRemovals>();
        Assert.True((await removals.RequestAsync(Operator, runId, false, TestContext.Current.CancellationToken)).Succeeded);
        // The process dies after the first batch is written: the job is cut off at its next step.
        using var dying = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var firstBatch = h.Services.GetRequiredService<ProgressFeed<RunRemovalProgress>>().Subscribe(p => dying.Cancel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Services.GetRequiredService<RemoveRunJob>().ExecuteAsync(runId, dying.Token));
        var cut = (await removals.GetAsync(runId, TestContext.Current.CancellationToken))!;
        Assert.True(cut.Running && cut.Progress.Done > 0 && cut.Progress.Done < created, $"the removal should have stopped part way: {cut.Progress}");
        Assert.Equal(RunCommandResult.Fail("Runs.RemovalRunning"), await h.Runs.DeleteAsync(Operator, runId, TestContext.Current.CancellationToken));
        Assert.Equal(RunCommandResult.Fail("Runs.RemovalRunning"), await h.Runs.RetryAsync(Operator, runId, null, TestContext.Current.CancellationToken));
        Assert.Equal(RunCommandResult.Fail("Runs.RemovalRunning"), await removals.RequestAsync(Operator, runId, true, TestContext.Current.CancellationToken));
        // The portal starts again: the removal's job is queued again, and once it has ended, a restart queues nothing.
        var recovery = h.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RunRecovery>().Single();
        int Queued() => h.Jobs.Created.Count(j => j.StartsWith("RemoveRunJob.ExecuteAsync ", StringComparison.Ordinal));
        await recovery.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, Queued());

        await h.Services.GetRequiredService<RemoveRunJob>().ExecuteAsync(runId, TestContext.Current.CancellationToken);

        await recovery.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, Queued());

        var done = (await removals.GetAsync(runId, TestContext.Current.CancellationToken))!;
        Assert.Equal(((long)created, (long)created, 0L, 0L, true), (done.Progress.Total, done.Progress.Removed, done.Progress.Kept, done.Progress.Failed, done.Progress.Finished));
        Assert.Equal(0, h.Simulator.Store.Count("HD Ticket"));
    }

    [Fact]
    public async Task A_dry_run_a_run_at_work_and_a_run_with_nothing_left_are_refused()
    {
        var export = AccountExport.Create(tickets: 5);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var bindings = await h.UploadAccountExportAsync(export);
        var profile = await h.AccountExportProfileAsync();
        var removals = h.Services.GetRequiredService<RunRemovals>();
        var ct = TestContext.Current.CancellationToken;
        var dry = await h.StartAsync(profile, bindings, new RunOptions { DryRun = true });
        await h.ExecuteAsync(dry, ct);
        var queued = await h.StartAsync(profile, bindings);

        Assert.Equal(RunCommandResult.Fail("Runs.RemovalDryRun"), await removals.RequestAsync(Operator, dry, false, ct));
        Assert.Equal(RunCommandResult.Fail("Runs.NotNow", "Queued"), await removals.RequestAsync(Operator, queued, false, ct));

        await h.ExecuteAsync(queued, ct);
        await RequestAndRunAsync(h, queued);

        Assert.Equal(RunCommandResult.Fail("Runs.NothingToRemove"), await removals.RequestAsync(Operator, queued, false, ct));
        Assert.Contains(await h.InDatabaseAsync(db => db.AuditEvents.Select(a => a.Action).ToListAsync()), a => a == "run.removal.done");
    }

    private static async Task<RunRemovalView> RequestAndRunAsync(RunsHarness h, Guid runId, bool includeChanged = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var removals = h.Services.GetRequiredService<RunRemovals>();
        var asked = await removals.RequestAsync(Operator, runId, includeChanged, ct);
        Assert.True(asked.Succeeded, $"the removal should be accepted: {asked.ErrorKey} {asked.ErrorArg}");
        Assert.Contains(h.Jobs.Created, j => j.StartsWith("RemoveRunJob.ExecuteAsync ", StringComparison.Ordinal));
        await h.Services.GetRequiredService<RemoveRunJob>().ExecuteAsync(runId, ct);
        return (await removals.GetAsync(runId, ct))!;
    }
}
