using ImportPortal.Domain.Migration;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>The same upload, profile and site a second time: the ledger and the site say everything is there already.</summary>
public sealed class RerunTests
{
    [Fact]
    public async Task Running_the_same_upload_with_the_same_profile_again_creates_nothing_and_sends_no_writes()
    {
        var export = AccountExport.Create(tickets: 60);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var bindings = await h.UploadAccountExportAsync(export);
        var profile = await h.AccountExportProfileAsync();
        var first = await h.StartAsync(profile, bindings);
        await h.ExecuteAsync(first, TestContext.Current.CancellationToken);
        Assert.Equal(RunState.Completed, await h.StateAsync(first));
        // The agents were on the site before the first run: it found them by their e-mail and sent them nothing.
        var agents = (await h.RecordsAsync(first)).Where(r => r.Stage is RunStage.Users or RunStage.Agents).ToList();
        Assert.Equal(AccountExport.AgentCount * 2, agents.Count);
        Assert.All(agents, r => Assert.Equal((RecordState.Skipped, RecordResult.Existing, r.SourceKey), (r.State, r.Result, r.FrappeName)));
        Assert.DoesNotContain(h.Simulator.Store.Requests.Snapshot(), r => r.Key is "POST /api/resource/User" or "POST /api/resource/HD Agent");
        var counts = h.Simulator.Store.CountsByDoctype();
        var writes = h.Writes();

        var second = await h.StartAsync(profile, bindings);
        await h.ExecuteAsync(second, TestContext.Current.CancellationToken);

        Assert.Equal(counts, h.Simulator.Store.CountsByDoctype());
        Assert.True(writes == h.Writes(), $"the second run should send no POST or PUT, it sent {h.Writes() - writes}");
        var records = await h.RecordsAsync(second);
        Assert.Equal(export.ExpectedRecords, records.Count);
        var notExisting = records.Where(r => r.State != RecordState.Skipped || r.Result != RecordResult.Existing).Select(RecordChecks.Describe).ToList();
        Assert.True(notExisting.Count == 0, "every record of the second run should be Skipped as Existing: " + ImportedSite.Describe(notExisting));
        var firstNames = (await h.RecordsAsync(first)).ToDictionary(r => (r.Stage, r.Entity, r.SourceKey), r => r.FrappeName);
        var moved = records.Where(r => firstNames[(r.Stage, r.Entity, r.SourceKey)] != r.FrappeName).Select(RecordChecks.Describe).ToList();
        Assert.True(moved.Count == 0, "the second run should point at the documents the first one created: " + ImportedSite.Describe(moved));
    }

    [Fact]
    public async Task A_later_export_adds_the_customer_s_new_reply_and_its_closed_ticket_keeps_its_status_and_gets_the_reply_s_time()
    {
        var export = AccountExport.Create(tickets: 40);
        await using var h = await RunsHarness.StartAsync();
        var profile = await h.AccountExportProfileAsync();
        await h.ExecuteAsync(await h.StartAsync(profile, await h.UploadAccountExportAsync(export)), TestContext.Current.CancellationToken);
        // Ticket 8 is Closed in the source, with three notes; a week later the customer wrote once more.
        var later = export.WithCustomerReply(8, "Cảm ơn, mọi thứ đã ổn rồi (trả lời thêm).");
        Assert.Equal("Closed", later.Tickets.Single(t => t.DisplayId == 8).HelpdeskStatus);
        var communications = h.Simulator.Store.Count("Communication");
        var bindings = await h.UploadAccountExportAsync(later);

        // A dry run says so first: one message to create, one ticket to finalise again.
        var dry = await h.StartAsync(profile, bindings, new RunOptions { DryRun = true });
        await h.ExecuteAsync(dry, TestContext.Current.CancellationToken);
        var forecast = (await h.RecordsAsync(dry)).Where(r => r.State == RecordState.Succeeded).Select(r => (r.Stage, r.SourceKey, r.Result)).ToList();
        Assert.Equal([(RunStage.Conversations, "900008", RecordResult.WouldCreate), (RunStage.Finalise, "8", RecordResult.WouldUpdate)], forecast.OrderBy(f => f.Stage));

        var second = await h.StartAsync(profile, bindings);
        await h.ExecuteAsync(second, TestContext.Current.CancellationToken);

        Assert.Equal(communications + 1, h.Simulator.Store.Count("Communication"));
        var records = await h.RecordsAsync(second);
        var finalised = records.Where(r => r.Stage == RunStage.Finalise && r.State != RecordState.Skipped).Select(r => (r.SourceKey, r.State, r.Result)).ToList();
        Assert.Equal([("8", RecordState.Succeeded, RecordResult.Updated)], finalised);
        // Helpdesk reopened the ticket for the customer's message and stamped it "now"; the finalise put the source back.
        var problems = ImportedSite.ContentProblems(h.Simulator.Store, later);
        Assert.True(problems.Count == 0, "every ticket should be as the later export says: " + ImportedSite.Describe(problems));
    }
}
