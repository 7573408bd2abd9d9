using FrappeSimulator.Faults;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>Tickets keep their Freshdesk agent: the assignments stage, real run job and HTTP, against the simulator.</summary>
public sealed class AssignmentImportTests
{
    private const string AssignTo = "frappe.desk.form.assign_to.add";

    [Fact]
    public async Task An_assignment_whose_answer_was_lost_or_refused_is_sent_again_and_each_ticket_has_its_agent_once()
    {
        var export = AccountExport.Create(tickets: 20);
        var assigned = export.Tickets.Count(t => export.AssigneeOf(t) is not null);
        await using var h = await RunsHarness.StartAsync();
        var faults = h.Simulator.Faults;
        // The first assignment is made and its answer lost, the second refused with a deadlock, the third cut before it ran.
        var rules = new[]
        {
            faults.AddNth(FaultKind.CommitThenDrop, 1, FaultTarget.ForMethod(AssignTo)),
            faults.AddNth(FaultKind.Deadlock, 2, FaultTarget.ForMethod(AssignTo)),
            faults.AddNth(FaultKind.ConnectionReset, 3, FaultTarget.ForMethod(AssignTo)),
        };
        var runId = await h.StartAccountExportRunAsync(export);

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.All(rules, r => Assert.Equal(1, faults.Hits(r)));
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        var assignments = records.Where(r => r.Stage == RunStage.Assignments).ToList();
        Assert.Equal(assigned, assignments.Count);
        Assert.All(assignments, r => Assert.True(r is { State: RecordState.Succeeded, Result: RecordResult.Updated }, RecordChecks.Describe(r)));
        var sends = await h.InDatabaseAsync(db => db.RecordAttempts.CountAsync(a => a.Request.StartsWith("POST assign_to.add")));
        Assert.Equal(assigned + rules.Length, sends);
        var duplicates = ImportedSite.DuplicateProblems(h.Simulator.Store);
        Assert.True(duplicates.Count == 0, "no ticket may be assigned twice: " + ImportedSite.Describe(duplicates));
        var content = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(content.Count == 0, "each ticket should have its agent, as the agent's own assignment: " + ImportedSite.Describe(content));
    }

    [Fact]
    public async Task A_ticket_whose_agent_the_site_refused_waits_on_the_agent_and_gets_them_when_the_agent_is_retried()
    {
        var export = AccountExport.Create(tickets: 20);
        const string refusedAgent = "hotro2@haravan.vn";
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add("User", doc => doc["email"]?.ToString() == refusedAgent, "Tên đăng nhập không hợp lệ");
        var runId = await h.StartAccountExportRunAsync(export);

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var records = await h.RecordsAsync(runId);
        var waiting = records.Where(r => r.Stage == RunStage.Assignments && r.State == RecordState.Failed).ToList();
        var expected = export.Tickets.Where(t => export.AssigneeOf(t) == refusedAgent).Select(t => t.SourceId).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, waiting.Select(r => r.SourceKey).Order().ToList());
        Assert.All(waiting, r => Assert.True(r.ErrorKind == RecordErrorKind.Dependency && r.ErrorMessage!.Contains($"User {refusedAgent}", StringComparison.Ordinal)
            && r.ErrorMessage.Contains("Tên đăng nhập không hợp lệ", StringComparison.Ordinal), RecordChecks.Describe(r)));
        Assert.DoesNotContain(h.Simulator.Store.List("ToDo"), t => t["allocated_to"]?.ToString() == refusedAgent);

        h.Simulator.Faults.Rejections.Clear();
        await h.RetryAsync(runId, null);

        var after = await h.RecordsAsync(runId);
        Assert.All(after, r => Assert.True(RecordChecks.WentThrough(r, export), $"every record should be in after the retry: {RecordChecks.Describe(r)}"));
        var content = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(content.Count == 0, "each ticket should have its agent once the agent is in: " + ImportedSite.Describe(content));
    }

    [Fact]
    public async Task A_ticket_export_s_tickets_go_to_the_agent_the_site_knows_by_the_name_the_export_gives_asked_once()
    {
        const int Tickets = 30;
        var (_, name, email) = TestData.FreshdeskSampleWriter.Agents[0];
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(TestData.FreshdeskSampleWriter.TicketCsv(Tickets), new RunOptions { Ceiling = 4 });

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var todos = h.Simulator.Store.List("ToDo").ToList();
        Assert.Equal(Tickets, todos.Count);
        Assert.All(todos, t => Assert.Equal((email, email), (ImportedSite.Text(t, "allocated_to"), ImportedSite.Text(t, "assigned_by"))));
        Assert.Empty(h.Simulator.Store.List("Notification Log"));
        // One name, asked of the site once per worker at most, not once per ticket (the teams stage asks once more).
        var asked = h.Simulator.Store.Requests.Count("GET /api/resource/HD Agent");
        Assert.True(asked is >= 1 and <= 5, $"the site was asked for the agent called {name} {asked} times");
    }

    [Fact]
    public async Task An_agent_the_site_does_not_know_by_name_fails_each_assignment_saying_what_to_do_until_the_agent_is_added()
    {
        var (_, name, email) = TestData.FreshdeskSampleWriter.Agents[0];
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(TestData.FreshdeskSampleWriter.TicketCsv(5), agentOnSite: false);

        await h.ExecuteAsync(runId, TestContext.Current.CancellationToken);

        var assignments = (await h.RecordsAsync(runId)).Where(r => r.Stage == RunStage.Assignments).ToList();
        Assert.Equal(5, assignments.Count);
        Assert.All(assignments, r => Assert.True(
            r is { State: RecordState.Failed, ErrorKind: RecordErrorKind.Data } && r.ErrorMessage!.Contains($"No agent called \"{name}\" on the site", StringComparison.Ordinal)
            && r.ErrorMessage.Contains("Add the agent in Helpdesk", StringComparison.Ordinal), RecordChecks.Describe(r)));
        Assert.Empty(h.Simulator.Store.List("ToDo"));

        h.SeedTicketExportAgent();
        await h.RetryAsync(runId, null);

        Assert.All((await h.RecordsAsync(runId)).Where(r => r.Stage == RunStage.Assignments), r => Assert.True(r.State == RecordState.Succeeded, RecordChecks.Describe(r)));
        Assert.Equal(Enumerable.Repeat(email, 5), h.Simulator.Store.List("ToDo").Select(t => ImportedSite.Text(t, "allocated_to")));
    }
}
