using System.Text;
using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// Freshdesk's groups become Helpdesk teams (HD Team), made where the site lacks them with the agents who answered
/// their tickets as members, and each ticket joins its team with its status: real run job and HTTP, against the simulator.
/// </summary>
public sealed class TeamImportTests
{
    private const string Team = "HD Team";
    private const string OwnTeam = "Hỗ trợ kỹ thuật";

    // The ticket export names its agent by the name Helpdesk shows, never by e-mail.
    private const string AgentName = "Lê Thị Hỗ Trợ";
    private const string AgentEmail = "hotro.le@haravan.vn";

    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_team_the_site_lacks_is_made_once_with_the_agents_who_answered_its_tickets_even_when_its_answer_is_lost()
    {
        var export = AccountExport.Create(tickets: 30);
        await using var h = await RunsHarness.StartAsync();
        var faults = h.Simulator.Faults;
        var dropped = faults.AddNth(FaultKind.CommitThenDrop, 1, FaultTarget.ForDoctype(Team, "POST"));
        var runId = await h.StartAccountExportRunAsync(export);

        await h.ExecuteAsync(runId, Ct);

        Assert.Equal(1, faults.Hits(dropped));
        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var records = await h.RecordsAsync(runId);
        Assert.All(records, r => Assert.True(RecordChecks.WentThrough(r, export), RecordChecks.Describe(r)));
        var teams = records.Where(r => r.Stage == RunStage.Teams).ToDictionary(r => r.SourceKey, r => r.Result);
        Assert.Equal(new Dictionary<string, RecordResult> { [OwnTeam] = RecordResult.Created, ["Billing"] = RecordResult.Existing }, teams);
        // Made once: the send whose answer was lost is found by the team's name and not sent again.
        Assert.Equal(1, h.Simulator.Store.Requests.Count($"POST /api/resource/{Team}"));
        Assert.Equal(0, h.Simulator.Store.Requests.Count($"PUT /api/resource/{Team}"));
        Assert.Equal([.. AccountExport.SiteTeams.Append(OwnTeam).Order(StringComparer.Ordinal)], h.Simulator.Store.List(Team).Select(t => ImportedSite.Text(t, "name")).Order(StringComparer.Ordinal));
        Assert.NotEmpty(export.MembersOf(OwnTeam));
        // Each ticket in its group's team, the one of a group the export no longer lists in none; the team's members are its agents.
        var content = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(content.Count == 0, "each ticket should be in its team: " + ImportedSite.Describe(content));
        Assert.Contains(export.Tickets, t => t.GroupId == AccountExport.DeletedGroupId);
    }

    [Fact]
    public async Task A_ticket_export_s_team_is_made_with_the_agent_the_site_knows_by_the_name_the_export_gives()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(TicketsOfOwnTeam(8));

        await h.ExecuteAsync(runId, Ct);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        var team = h.Simulator.Store.Get(Team, OwnTeam) ?? throw new InvalidOperationException("the team was not made");
        Assert.Equal([AgentEmail], ImportedSite.Rows(team, "users").Select(u => ImportedSite.Text(u, "user")));
        Assert.All(h.Simulator.Store.List("HD Ticket"), t => Assert.Equal(OwnTeam, ImportedSite.Text(t, "agent_group")));
        var record = Assert.Single(await h.RecordsAsync(runId), r => r.Stage == RunStage.Teams);
        var detail = await h.Queries.DetailAsync(record.Id, CancellationToken.None);
        Assert.Contains(detail!.Attempts, a => a.Request.StartsWith("GET HD Agent?agent_name", StringComparison.Ordinal) && a.Outcome == "found 1 of 1");
    }

    [Fact]
    public async Task A_team_no_member_of_which_the_site_knows_fails_saying_what_to_do_and_its_tickets_wait_for_it()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(TicketsOfOwnTeam(6), agentOnSite: false);

        await h.ExecuteAsync(runId, Ct);

        var records = await h.RecordsAsync(runId);
        var team = Assert.Single(records, r => r.Stage == RunStage.Teams);
        Assert.True(team is { State: RecordState.Failed, ErrorKind: RecordErrorKind.Data }, RecordChecks.Describe(team));
        Assert.Contains($"\"{OwnTeam}\" is not on the site", team.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(AgentName, team.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Create the team on the site", team.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, h.Simulator.Store.Requests.Count($"POST /api/resource/{Team}"));
        // The tickets and their messages are in; only their status PUT waits for the team, and sent nothing.
        Assert.All(records.Where(r => r.Stage is RunStage.Tickets or RunStage.Conversations), r => Assert.Equal(RecordState.Succeeded, r.State));
        var finalises = records.Where(r => r.Stage == RunStage.Finalise).ToList();
        Assert.Equal(6, finalises.Count);
        Assert.All(finalises, r => Assert.True(
            r is { State: RecordState.Failed, ErrorKind: RecordErrorKind.Dependency } && r.ErrorMessage!.Contains($"Team {OwnTeam}", StringComparison.Ordinal),
            RecordChecks.Describe(r)));
        Assert.Equal(0, h.Simulator.Store.Requests.Count("PUT /api/resource/HD Ticket"));

        // The operator makes the team on the site, as the message says, and retries everything that failed.
        h.Simulator.Seed(Team, new JsonObject { ["team_name"] = OwnTeam, ["users"] = new JsonArray(new JsonObject { ["user"] = "Administrator" }) });
        await h.RetryAsync(runId, null);

        var after = await h.RecordsAsync(runId);
        Assert.True(after.Single(r => r.Stage == RunStage.Teams) is { State: RecordState.Skipped, Result: RecordResult.Existing });
        Assert.All(after.Where(r => r.Stage == RunStage.Finalise), r => Assert.True(r.State == RecordState.Succeeded, RecordChecks.Describe(r)));
        var tickets = h.Simulator.Store.List("HD Ticket").ToList();
        Assert.All(tickets, t => Assert.Equal(OwnTeam, ImportedSite.Text(t, "agent_group")));
        // The status went with the team: row 4 (index 3) is Closed in the export.
        Assert.Equal("Closed", ImportedSite.Text(tickets.Single(t => ImportedSite.Text(t, "custom_source_id") == "4"), "status"));
    }

    [Fact]
    public async Task A_dry_run_says_which_team_could_not_be_made_and_that_its_tickets_status_would_wait()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(TicketsOfOwnTeam(3), new RunOptions { DryRun = true }, agentOnSite: false);

        await h.ExecuteAsync(runId, Ct);

        var records = await h.RecordsAsync(runId);
        var team = Assert.Single(records, r => r.Stage == RunStage.Teams);
        Assert.True(team is { State: RecordState.Failed, ErrorKind: RecordErrorKind.Data } && team.ErrorMessage!.Contains("Create the team on the site", StringComparison.Ordinal),
            RecordChecks.Describe(team));
        Assert.All(records.Where(r => r.Stage == RunStage.Finalise), r => Assert.True(r is { State: RecordState.Failed, ErrorKind: RecordErrorKind.Dependency }, RecordChecks.Describe(r)));
        Assert.All(records.Where(r => r.Stage == RunStage.Tickets), r => Assert.Equal(RecordResult.WouldCreate, r.Result));
        // It only asked: nothing was written.
        Assert.Equal(0, h.Simulator.Store.Requests.Count($"POST /api/resource/{Team}") + h.Simulator.Store.Requests.Count("POST /api/resource/HD Ticket"));
    }

    [Fact]
    public async Task A_team_the_operator_skips_leaves_its_tickets_without_one_and_their_status_goes_in()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(TicketsOfOwnTeam(4), agentOnSite: false);
        await h.ExecuteAsync(runId, Ct);
        var team = Assert.Single(await h.RecordsAsync(runId), r => r.Stage == RunStage.Teams && r.State == RecordState.Failed);

        Assert.True((await h.Runs.SkipAsync("van.hanh", runId, [team.Id], CancellationToken.None)).Succeeded);
        await h.RetryAsync(runId, null);

        var records = await h.RecordsAsync(runId);
        Assert.All(records.Where(r => r.Stage == RunStage.Finalise), r => Assert.True(r.State == RecordState.Succeeded, RecordChecks.Describe(r)));
        Assert.Null(h.Simulator.Store.Get(Team, OwnTeam));
        var tickets = h.Simulator.Store.List("HD Ticket").ToList();
        Assert.Equal(4, tickets.Count);
        Assert.All(tickets, t => Assert.Equal("", ImportedSite.Text(t, "agent_group")));
        Assert.Equal("Closed", ImportedSite.Text(tickets.Single(t => ImportedSite.Text(t, "custom_source_id") == "4"), "status"));
    }

    [Fact]
    public async Task A_member_whose_user_the_site_refused_keeps_the_team_waiting_until_the_user_is_retried()
    {
        var export = AccountExport.Create(tickets: 12);
        var refused = export.MembersOf(OwnTeam)[0];
        await using var h = await RunsHarness.StartAsync();
        h.Simulator.Faults.Rejections.Add("User", doc => doc["email"]?.ToString() == refused, "Tên người dùng không hợp lệ");
        var runId = await h.StartAccountExportRunAsync(export);

        await h.ExecuteAsync(runId, Ct);

        var team = Assert.Single(await h.RecordsAsync(runId), r => r.Stage == RunStage.Teams && r.SourceKey == OwnTeam);
        Assert.True(team is { State: RecordState.Failed, ErrorKind: RecordErrorKind.Dependency } && team.ErrorMessage!.Contains($"User {refused}", StringComparison.Ordinal),
            RecordChecks.Describe(team));
        Assert.Null(h.Simulator.Store.Get(Team, OwnTeam));

        h.Simulator.Faults.Rejections.Clear();
        await h.RetryAsync(runId, null);

        var after = await h.RecordsAsync(runId);
        Assert.All(after, r => Assert.True(RecordChecks.WentThrough(r, export), $"every record should be in after the retry: {RecordChecks.Describe(r)}"));
        var content = ImportedSite.ContentProblems(h.Simulator.Store, export);
        Assert.True(content.Count == 0, "the team should have all its agents and its tickets: " + ImportedSite.Describe(content));
    }

    [Fact]
    public async Task With_the_stage_left_out_tickets_name_their_team_as_written_and_no_team_is_made()
    {
        await using var h = await RunsHarness.StartAsync();
        var runId = await h.StartTicketRunAsync(FreshdeskSampleWriter.TicketCsv(5), new RunOptions { Stages = [.. RunStages.All.Where(s => s != RunStage.Teams)] });

        await h.ExecuteAsync(runId, Ct);

        Assert.Equal(RunState.Completed, await h.StateAsync(runId));
        Assert.Equal(0, h.Simulator.Store.Requests.Count($"GET /api/resource/{Team}") + h.Simulator.Store.Requests.Count($"POST /api/resource/{Team}"));
        Assert.All(h.Simulator.Store.List("HD Ticket"), t => Assert.Equal("Billing", ImportedSite.Text(t, "agent_group")));
    }

    /// <summary>The sample ticket export with every ticket in the team's own group, which a fresh site lacks.</summary>
    private static byte[] TicketsOfOwnTeam(int rows)
    {
        var text = Encoding.UTF8.GetString(FreshdeskSampleWriter.TicketCsv(rows)).Replace($"{AgentName},Billing,", $"{AgentName},{OwnTeam},", StringComparison.Ordinal);
        Assert.Equal(rows, text.Split(OwnTeam).Length - 1);
        return Encoding.UTF8.GetBytes(text);
    }
}
