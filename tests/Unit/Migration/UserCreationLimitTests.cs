using System.Diagnostics;
using FrappeSimulator.Hosting;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;
using static ImportPortal.Tests.Unit.Migration.HelpdeskEntities;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// Frappe refuses a new user ("Throttled", 417) once more than throttle_user_limit users were created in the last
/// minute. These tests shorten the site's minute and the run's to a second or two.
/// </summary>
public sealed class UserCreationLimitTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1.5);

    private static string[] Agents(int count) => [.. Enumerable.Range(1, count).Select(i => $"agent{i}@haravan.vn")];

    private static async Task<LoopHarness> SiteAsync(int limit, TimeSpan window, string message = "Throttled") =>
        await LoopHarness.StartAsync(simulator: new SimulatorOptions { ThrottleUserLimit = limit, ThrottleUserWindow = window, ThrottleUserMessage = message });

    private static void PlanAgents(LoopHarness h, IEnumerable<string> emails)
    {
        foreach (var (email, i) in emails.Select((e, i) => (e, i)))
        {
            h.Plan(AgentUser(email, $"Nhân viên {i + 1}"));
            h.Plan(Agent(email, $"Nhân viên {i + 1}"));
        }
    }

    [Fact]
    public async Task More_agents_than_frappe_creates_in_a_minute_are_paced_so_the_site_refuses_none_and_the_dashboard_says_why()
    {
        await using var h = await SiteAsync(limit: 3, Window);
        var agents = Agents(8);
        PlanAgents(h, agents);
        var observer = new RecordingObserver();
        var clock = Stopwatch.StartNew();

        await h.RunAsync(LoopHarness.FastOptions with { UserCreationsPerMinute = 3, UserCreationWindow = Window }, observer);

        Assert.All(agents, a => Assert.Equal((RecordState.Succeeded, RecordResult.Created), (h.Store.Record(EntityKind.User, a).State, h.Store.Record(EntityKind.User, a).Result)));
        Assert.All(agents, a => Assert.NotNull(h.SiteStore.Get("HD Agent", a)));
        // One POST per user: none was refused and sent again.
        Assert.Equal(agents.Length, h.Posts("User"));
        Assert.All(agents, a => Assert.DoesNotContain(h.Store.Record(EntityKind.User, a).Requests, r => r.HttpStatus == 417 && r.Message?.Contains("Throttled", StringComparison.Ordinal) == true));
        // Three a window: the 4th waits one window, the 7th two.
        Assert.True(clock.Elapsed >= Window * 2, $"8 users at 3 a window took {clock.Elapsed}");
        var waits = observer.Waits.ToList();
        Assert.Contains(waits, w => w?.Cause == SiteWaitCause.UserCreationLimit);
        Assert.Null(waits[^1]);
    }

    [Fact]
    public async Task A_site_with_a_lower_limit_refuses_users_and_the_run_sends_each_again_after_a_window_without_a_duplicate()
    {
        await using var h = await SiteAsync(limit: 1, Window);
        var agents = Agents(5);
        PlanAgents(h, agents);

        // The run believes the site takes 60 a minute: the site's own limit is 2.
        await h.RunAsync(LoopHarness.FastOptions with { UserCreationWindow = Window });

        Assert.All(agents, a => Assert.Equal(RecordState.Succeeded, h.Store.Record(EntityKind.User, a).State));
        Assert.All(agents, a => Assert.Single(h.SiteStore.List("User"), u => u["email"]?.GetValue<string>() == a));
        Assert.All(agents, a => Assert.NotNull(h.SiteStore.Get("HD Agent", a)));
        var refusals = agents.SelectMany(a => h.Store.Record(EntityKind.User, a).Requests).Count(r => r.HttpStatus == 417 && r.Message?.Contains("Throttled", StringComparison.Ordinal) == true);
        Assert.InRange(refusals, 1, 10);
        Assert.Equal(agents.Length + refusals, h.Posts("User"));
    }

    [Fact]
    public async Task The_refusal_is_recognised_by_where_frappe_raised_it_when_the_message_comes_translated()
    {
        // An API user who reads Vietnamese gets Frappe's _("Throttled") in Vietnamese; the traceback still names the check.
        await using var h = await SiteAsync(limit: 1, Window, message: "Đã vượt giới hạn tạo người dùng");
        var agents = Agents(4);
        PlanAgents(h, agents);

        await h.RunAsync(LoopHarness.FastOptions with { UserCreationWindow = Window });

        Assert.All(agents, a => Assert.Equal(RecordState.Succeeded, h.Store.Record(EntityKind.User, a).State));
        var refusals = agents.SelectMany(a => h.Store.Record(EntityKind.User, a).Requests).Where(r => r.HttpStatus == 417).ToList();
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.Equal("Đã vượt giới hạn tạo người dùng", r.Message));
        Assert.Equal(agents.Length + refusals.Count, h.Posts("User"));
    }

    [Fact]
    public async Task A_user_the_site_keeps_refusing_fails_with_what_to_do_and_its_agent_waits_for_it()
    {
        // Limit 0: once one user was created this minute, the site refuses every other.
        await using var h = await SiteAsync(limit: 0, TimeSpan.FromMinutes(5));
        PlanAgents(h, Agents(2));

        await h.RunAsync(LoopHarness.FastOptions with { UserCreationWindow = TimeSpan.FromMilliseconds(200), MaxThrottleRefusals = 3 });

        Assert.Equal(RecordState.Succeeded, h.Store.Record(EntityKind.User, "agent1@haravan.vn").State);
        var refused = h.Store.Record(EntityKind.User, "agent2@haravan.vn");
        Assert.Equal(RecordState.Failed, refused.State);
        Assert.Equal(RecordErrorKind.Transient, refused.Error!.Kind);
        Assert.StartsWith("Throttled: the site refused this user 3 times in a row", refused.Error.Message, StringComparison.Ordinal);
        Assert.Contains("throttle_user_limit", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, refused.Requests.Count(r => r.HttpStatus == 417 && r.Message?.Contains("Throttled", StringComparison.Ordinal) == true));
        Assert.Equal(RecordErrorKind.Dependency, h.Store.Record(EntityKind.Agent, "agent2@haravan.vn").Error!.Kind);
        Assert.Null(h.SiteStore.Get("User", "agent2@haravan.vn"));
    }

    [Fact]
    public async Task Pausing_while_a_user_waits_for_its_turn_stops_at_once_and_leaves_it_pending_unsent()
    {
        await using var h = await SiteAsync(limit: 60, TimeSpan.FromMinutes(1));
        var agents = Agents(3);
        PlanAgents(h, agents);
        var observer = new RecordingObserver { StopWhenWaiting = true };
        var clock = Stopwatch.StartNew();

        var finished = await h.RunAsync(LoopHarness.FastOptions with { UserCreationsPerMinute = 1, UserCreationWindow = TimeSpan.FromMinutes(1) }, observer);

        Assert.False(finished);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the pause took {clock.Elapsed}");
        Assert.Equal(RecordState.Succeeded, h.Store.Record(EntityKind.User, agents[0]).State);
        Assert.All(agents[1..], a => Assert.Equal(RecordState.Pending, h.Store.Record(EntityKind.User, a).State));
        Assert.Equal(1, h.Posts("User"));
    }
}
