using System.Net.Http.Json;
using FrappeSimulator.Faults;
using ImportPortal.Domain.Migration;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>Checking the site still has what a run wrote, and creating again what it lost: the ledger alone would hide a loss.</summary>
public sealed class RunCheckTests(ITestOutputHelper output)
{
    private const string Operator = "quan.tri@haravan.example";

    [Fact]
    public async Task A_check_finds_the_documents_deleted_from_the_site_and_creating_them_again_restores_it_without_a_duplicate()
    {
        var ct = TestContext.Current.CancellationToken;
        var export = AccountExport.Create(tickets: 20);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, ct);
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        var written = records.Count(r => r.State == RecordState.Succeeded && r.FrappeName is not null && RunChecks.Stages.Contains(r.Stage));

        var clean = await RequestAndRunAsync(h, runId);

        Assert.Equal((written, written, 0L, true, (string?)null), (clean.Progress.Total, clean.Progress.Done, clean.Progress.Missing, clean.Progress.Finished, clean.Error));
        Assert.Empty(clean.Missing);

        // Someone cleans up on the site (or it is restored from a backup taken before them): ticket 3 with its
        // conversation, and one reply of ticket 5; and ticket 7 with its private notes, whose e-mails Frappe keeps on no ticket.
        var ticket3 = records.Single(r => r.Stage == RunStage.Tickets && r.SourceKey == "3").FrappeName!;
        var ticket5 = records.Single(r => r.Stage == RunStage.Tickets && r.SourceKey == "5").FrappeName!;
        var messages3 = h.Simulator.Store.Where("Communication", c => c["reference_name"]?.GetValue<string>() == ticket3).Select(c => c["name"]!.GetValue<string>()).ToList();
        var notes3 = h.Simulator.Store.Where("HD Ticket Comment", c => c["reference_ticket"]?.GetValue<string>() == ticket3).Select(c => c["name"]!.GetValue<string>()).ToList();
        var ticket7 = records.Single(r => r.Stage == RunStage.Tickets && r.SourceKey == "7").FrappeName!;
        var messages7 = h.Simulator.Store.Where("Communication", c => c["reference_name"]?.GetValue<string>() == ticket7).Select(c => c["name"]!.GetValue<string>()).ToList();
        var notes7 = h.Simulator.Store.Where("HD Ticket Comment", c => c["reference_ticket"]?.GetValue<string>() == ticket7).Select(c => c["name"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(messages7);
        var reply5 = h.Simulator.Store.Where("Communication", c => c["reference_name"]?.GetValue<string>() == ticket5).Select(c => c["name"]!.GetValue<string>()).Last();
        Assert.NotEmpty(messages3);
        using (var person = h.Simulator.CreateClient())
        {
            foreach (var (doctype, name) in notes3.Select(n => ("HD Ticket Comment", n)).Concat(messages3.Select(m => ("Communication", m))).Append(("HD Ticket", ticket3)).Append(("Communication", reply5))
                .Concat(notes7.Select(n => ("HD Ticket Comment", n))).Append(("HD Ticket", ticket7)))
            {
                (await person.DeleteAsync($"api/resource/{Uri.EscapeDataString(doctype)}/{Uri.EscapeDataString(name)}", ct)).EnsureSuccessStatusCode();
            }
        }

        var lost = await RequestAndRunAsync(h, runId);

        output.WriteLine(string.Join("\n", lost.Missing));
        var expected = notes3.Concat(messages3).Append(ticket3).Append(reply5).Concat(notes7).Append(ticket7).Concat(messages7).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, lost.Missing.Select(l => l.FrappeName!).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(messages7.Order(StringComparer.Ordinal), lost.Missing.Where(l => l.Detached).Select(l => l.FrappeName!).Order(StringComparer.Ordinal));
        Assert.All(messages7, m => Assert.NotNull(h.Simulator.Store.Get("Communication", m)));
        Assert.Equal((written, (long)expected.Count, (string?)null), (lost.Progress.Done, lost.Progress.Missing, lost.Error));
        Assert.Equal(expected.Count, lost.MissingLeft);
        Assert.Contains(("HD Ticket", 2L), lost.MissingByDoctype);
        Assert.Contains(lost.Missing, l => l.Entity == Domain.Mapping.EntityKind.Ticket && l.SourceKey == "3" && l.Table.Length > 0 && l.Row > 0);
        // The whole list, for the team to go through: each document with its source row and what the check found.
        var csv = await CsvText.ReadAsync(s => h.Downloads.WriteMissingAsync(runId, s, ct));
        Assert.Equal(["Doctype", "Frappe name", "Entity", "Source id", "Source table", "Source row", "Found", "Checked at (UTC)"], csv[0]);
        Assert.Equal(expected, csv.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(messages7.Order(StringComparer.Ordinal), csv.Skip(1).Where(r => r[6] == "On no ticket").Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.Contains(csv, r => r[0] == "HD Ticket" && r[1] == ticket3 && r[3] == "3" && r[6] == "Gone");

        var asked = await h.Services.GetRequiredService<RunChecks>().RecreateAsync(Operator, runId, ct);
        Assert.True(asked.Succeeded, $"creating again should be accepted: {asked.ErrorKey} {asked.ErrorArg}");
        Assert.Contains(h.Jobs.Created, j => j.StartsWith("RecreateMissingJob.ExecuteAsync ", StringComparison.Ordinal));
        await h.Services.GetRequiredService<RecreateMissingJob>().ExecuteAsync(runId, messages7, ct);

        output.WriteLine(RecordChecks.Tally(await h.RecordsAsync(runId)));
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var problems = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(problems.Count == 0, "the site should again be as the export says, ticket 3's status and dates too: " + ImportedSite.Describe(problems));
        var duplicates = ImportedSite.DuplicateProblems(h.Simulator.Store);
        Assert.True(duplicates.Count == 0, "nothing may be there twice: " + ImportedSite.Describe(duplicates));
        // The copies left on no ticket are gone: each of ticket 7's messages is on the site once, on its new ticket.
        Assert.All(messages7, m => Assert.Null(h.Simulator.Store.Get("Communication", m)));
        Assert.Empty(h.Simulator.Store.Where("Communication", c => string.IsNullOrEmpty(c["reference_name"]?.GetValue<string>())));
        var again = await RequestAndRunAsync(h, runId);
        Assert.Equal((written, 0L), (again.Progress.Done, again.Progress.Missing));
        var actions = await h.InDatabaseAsync(db => db.AuditEvents.Select(a => a.Action).ToListAsync());
        Assert.Contains("run.check.recreate", actions);
        Assert.Contains("run.check.detached", actions);
        Assert.Equal(3, actions.Count(a => a == "run.check.done"));
    }

    [Fact]
    public async Task A_site_that_stops_answering_ends_the_check_with_why_and_asking_again_checks_everything()
    {
        var ct = TestContext.Current.CancellationToken;
        var export = AccountExport.Create(tickets: 12);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, ct);
        var cut = h.Simulator.Faults.AddShare(FaultKind.ConnectionReset, 1.0, FaultTarget.ForDoctype("Communication", "GET"));

        var stopped = await RequestAndRunAsync(h, runId);

        Assert.True(h.Simulator.Faults.Hits(cut) > 0, "the check's reads should have met the cut connections");
        Assert.False(stopped.Running);
        Assert.NotNull(stopped.Error);
        Assert.True(stopped.Progress.Done < stopped.Progress.Total, $"the check should have stopped short: {stopped.Progress}");
        Assert.Equal(0L, stopped.Progress.Missing);
        Assert.Contains("run.check.stopped", await h.InDatabaseAsync(db => db.AuditEvents.Select(a => a.Action).ToListAsync()));

        h.Simulator.Faults.Clear();
        // Rate limits and deadlocks on the way: reads are repeated, so the answer is the same.
        h.Simulator.Faults.LimitRate(4, TimeSpan.FromSeconds(1));
        var deadlocks = h.Simulator.Faults.AddNth(FaultKind.Deadlock, 3);
        var done = await RequestAndRunAsync(h, runId);

        Assert.True(h.Simulator.Faults.Hits(deadlocks) > 0 && h.Responses[429] > 0, $"the faults should have fired, or this proves nothing: {h.Simulator.Faults.Hits(deadlocks)} deadlocks, {h.Responses[429]} 429s, {done.Progress}");
        Assert.Equal((done.Progress.Total, 0L, (string?)null, true), (done.Progress.Done, done.Progress.Missing, done.Error, done.Progress.Finished));
    }

    [Fact]
    public async Task A_check_is_refused_for_a_dry_run_and_while_it_works_the_run_cannot_be_retried_deleted_or_removed()
    {
        var ct = TestContext.Current.CancellationToken;
        var export = AccountExport.Create(tickets: 4);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var checks = h.Services.GetRequiredService<RunChecks>();
        var bindings = await h.UploadAccountExportAsync(export);
        var profile = await h.AccountExportProfileAsync();
        var dry = await h.StartAsync(profile, bindings, new RunOptions { DryRun = true });
        await h.ExecuteAsync(dry, ct);
        Assert.Equal("Runs.CheckDryRun", (await checks.RequestAsync(Operator, dry, ct)).ErrorKey);

        var runId = await h.StartAsync(profile, bindings);
        Assert.Equal("Runs.NotNow", (await checks.RequestAsync(Operator, runId, ct)).ErrorKey);
        await h.ExecuteAsync(runId, ct);
        Assert.True((await checks.RequestAsync(Operator, runId, ct)).Succeeded);

        // Asked, its job not run yet.
        Assert.Equal("Runs.CheckRunning", (await checks.RequestAsync(Operator, runId, ct)).ErrorKey);
        Assert.Equal("Runs.CheckRunning", (await h.Runs.RetryAsync(Operator, runId, null, ct)).ErrorKey);
        Assert.Equal("Runs.CheckRunning", (await h.Runs.DeleteAsync(Operator, runId, ct)).ErrorKey);
        Assert.Equal("Runs.CheckRunning", (await h.Services.GetRequiredService<RunRemovals>().RequestAsync(Operator, runId, false, ct)).ErrorKey);
        Assert.Equal("Runs.CheckRunning", (await checks.RecreateAsync(Operator, runId, ct)).ErrorKey);

        await h.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, ct);
        Assert.Equal("Runs.NothingMissing", (await checks.RecreateAsync(Operator, runId, ct)).ErrorKey);
        Assert.True((await h.Runs.RetryAsync(Operator, runId, null, ct)).Succeeded);
    }

    [Fact]
    public async Task A_check_cut_off_by_a_restart_is_queued_again_and_counts_each_document_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var export = AccountExport.Create(tickets: 120);
        await using var h = await RunsHarness.StartAsync();
        h.SeedAgents(export);
        var runId = await h.StartAccountExportRunAsync(export);
        await h.ExecuteAsync(runId, ct);
        var records = await h.RecordsAsync(runId);
        var written = records.Count(r => r.State == RecordState.Succeeded && r.FrappeName is not null && RunChecks.Stages.Contains(r.Stage));
        var ticket = records.First(r => r.Stage == RunStage.Tickets && r.Entity == Domain.Mapping.EntityKind.Ticket).FrappeName!;
        using (var person = h.Simulator.CreateClient())
        {
            foreach (var note in h.Simulator.Store.Where("HD Ticket Comment", c => c["reference_ticket"]?.GetValue<string>() == ticket).Select(c => c["name"]!.GetValue<string>()).ToList())
            {
                (await person.DeleteAsync($"api/resource/HD%20Ticket%20Comment/{note}", ct)).EnsureSuccessStatusCode();
            }

            (await person.DeleteAsync($"api/resource/HD%20Ticket/{ticket}", ct)).EnsureSuccessStatusCode();
        }

        Assert.True(written > CheckRunJob.Batch * CheckRunJob.Parallel, "the check should need more than one step of its walk");
        var checks = h.Services.GetRequiredService<RunChecks>();
        Assert.True((await checks.RequestAsync(Operator, runId, ct)).Succeeded);
        // The process dies after the first batch is written: the job is cut off at its next step.
        using var dying = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = 0;
        using var watching = h.Services.GetRequiredService<ProgressFeed<RunCheckProgress>>().Subscribe(p =>
        {
            if (p.Done > 0 && Interlocked.Increment(ref batches) == 1)
            {
                dying.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, dying.Token));
        var cut = (await checks.GetAsync(runId, ct))!;
        Assert.True(cut.Running && cut.Progress.Done > 0 && cut.Progress.Done < written, $"the check should have stopped part way: {cut.Progress}");
        Assert.Equal(RunCommandResult.Fail("Runs.CheckRunning"), await h.Runs.RetryAsync(Operator, runId, null, ct));

        var recovery = h.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RunRecovery>().Single();
        int Queued() => h.Jobs.Created.Count(j => j.StartsWith("CheckRunJob.ExecuteAsync ", StringComparison.Ordinal));
        await recovery.StartAsync(ct);
        Assert.Equal(2, Queued());
        await h.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, ct);
        await recovery.StartAsync(ct);
        Assert.Equal(2, Queued());

        var done = (await checks.GetAsync(runId, ct))!;
        Assert.Equal(((long)written, (long)written, true, (string?)null), (done.Progress.Total, done.Progress.Done, done.Progress.Finished, done.Error));
        var missing = done.Missing.Where(l => !l.Detached).Select(l => l.FrappeName).ToList();
        Assert.Contains(ticket, missing);
        Assert.Equal(done.Progress.Missing, done.MissingLeft);
    }

    private static async Task<RunCheckView> RequestAndRunAsync(RunsHarness h, Guid runId)
    {
        var ct = TestContext.Current.CancellationToken;
        var checks = h.Services.GetRequiredService<RunChecks>();
        var asked = await checks.RequestAsync(Operator, runId, ct);
        Assert.True(asked.Succeeded, $"the check should be accepted: {asked.ErrorKey} {asked.ErrorArg}");
        Assert.Contains(h.Jobs.Created, j => j.StartsWith("CheckRunJob.ExecuteAsync ", StringComparison.Ordinal));
        await h.Services.GetRequiredService<CheckRunJob>().ExecuteAsync(runId, ct);
        var view = (await checks.GetAsync(runId, ct))!;
        Assert.False(view.Running);
        return view;
    }
}
