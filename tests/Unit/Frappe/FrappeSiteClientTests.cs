using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using FrappeSimulator.Hosting;
using ImportPortal.Domain.Frappe;
using Microsoft.Extensions.Time.Testing;

namespace ImportPortal.Tests.Unit.Frappe;

/// <summary>The portal's Frappe client against the simulator over real HTTP: errors, retries, and what is never re-sent.</summary>
public sealed class FrappeSiteClientTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static JsonObject Customer(string name) => new() { ["customer_name"] = name };

    [Fact]
    public async Task A_wrong_key_is_reported_as_refused_authentication()
    {
        await using var h = await FrappeClientHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<FrappeException>(() => h.SiteWith(h.Simulator.ApiKey, "wrong-secret").GetLoggedUserAsync(Ct));

        Assert.Equal(FrappeErrorKind.AuthOrPermission, ex.Error.Kind);
        Assert.Equal("AuthenticationError", ex.Error.ExcType);
        Assert.Equal(401, ex.Error.HttpStatus);
    }

    [Fact]
    public async Task Who_am_I_versions_and_metadata_come_back_decoded()
    {
        await using var h = await FrappeClientHarness.StartAsync();

        var user = await h.Site.GetLoggedUserAsync(Ct);
        var versions = await h.Site.GetVersionsAsync(Ct);
        var ticket = await h.Site.GetMetaAsync("HD Ticket", Ct);

        Assert.Equal("Administrator", user);
        Assert.Equal("1.22.2", versions.Single(v => v.App == "helpdesk").Version);
        Assert.True(ticket.Field("subject")!.Required);
        Assert.Equal(140, ticket.Field("subject")!.MaxLength);
    }

    [Fact]
    public async Task Data_errors_and_duplicates_carry_Frappes_type_and_message()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        await h.Site.InsertAsync("HD Customer", Customer("Công ty TNHH Hải Đăng"), Ct);

        var duplicate = await Assert.ThrowsAsync<FrappeException>(() => h.Site.InsertAsync("HD Customer", Customer("Công ty TNHH Hải Đăng"), Ct));
        var tooLong = await Assert.ThrowsAsync<FrappeException>(() => h.Site.InsertAsync("HD Ticket",
            new JsonObject { ["subject"] = new string('x', 141), ["raised_by"] = "khach@haravan.example" }, Ct));

        Assert.Equal((FrappeErrorKind.Duplicate, "DuplicateEntryError"), (duplicate.Error.Kind, duplicate.Error.ExcType));
        Assert.Equal("HD Customer Công ty TNHH Hải Đăng already exists", duplicate.Error.Summary);
        Assert.Equal((FrappeErrorKind.DataError, "CharacterLengthExceededError"), (tooLong.Error.Kind, tooLong.Error.ExcType));
        Assert.Null(await h.Site.GetAsync("HD Ticket", "9999", Ct));
    }

    [Fact]
    public async Task Commit_then_drop_on_a_POST_is_unknown_fate_and_is_not_sent_again()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.CommitThenDrop, 1, FaultTarget.ForDoctype("HD Customer", "POST"));

        var ex = await Assert.ThrowsAsync<FrappeException>(() => h.Site.InsertAsync("HD Customer", Customer("Cửa hàng Minh Anh"), Ct));

        Assert.Equal(FrappeErrorKind.UnknownFate, ex.Error.Kind);
        Assert.Equal(1, h.Simulator.Store.Requests.Count("POST /api/resource/HD Customer"));
        Assert.Equal(1, h.Simulator.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task A_reset_before_processing_on_a_POST_is_also_unknown_fate_because_the_client_cannot_tell()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.ConnectionReset, 1, FaultTarget.ForDoctype("HD Customer", "POST"));

        var ex = await Assert.ThrowsAsync<FrappeException>(() => h.Site.InsertAsync("HD Customer", Customer("Shop Ánh Dương"), Ct));

        Assert.Equal(FrappeErrorKind.UnknownFate, ex.Error.Kind);
        Assert.Equal(1, h.Simulator.Store.Requests.Count("POST /api/resource/HD Customer"));
        Assert.Equal(0, h.Simulator.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task Reads_are_retried_through_resets_deadlocks_and_proxy_pages()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.ConnectionReset, 1, FaultTarget.ForDoctype("HD Ticket Priority", "GET"));
        h.Simulator.Faults.AddNth(FaultKind.Deadlock, 2, FaultTarget.ForDoctype("HD Ticket Priority", "GET"));
        h.Simulator.Faults.AddNth(FaultKind.BadGateway, 3, FaultTarget.ForDoctype("HD Ticket Priority", "GET"));

        var priorities = await h.Site.ListAsync("HD Ticket Priority", FrappeListQuery.AllNames(), Ct);

        Assert.Equal(4, priorities.Count);
        Assert.Equal(4, h.Simulator.Store.Requests.Count("GET /api/resource/HD Ticket Priority"));
    }

    [Fact]
    public async Task A_502_page_that_does_not_go_away_is_classified_transient()
    {
        await using var h = await FrappeClientHarness.StartAsync(clientSettings: new Dictionary<string, string?> { ["Portal:Frappe:MaxRetries"] = "2" });
        h.Simulator.Faults.AddShare(FaultKind.BadGateway, 1.0, FaultTarget.ForDoctype("HD Ticket Type", "GET"));

        var ex = await Assert.ThrowsAsync<FrappeException>(() => h.Site.ListAsync("HD Ticket Type", FrappeListQuery.AllNames(), Ct));

        Assert.Equal(FrappeErrorKind.Transient, ex.Error.Kind);
        Assert.True(ex.Error.IsProxyPage);
        Assert.Equal("502 Bad Gateway", ex.Error.Summary);
        Assert.Equal(3, h.Simulator.Store.Requests.Count("GET /api/resource/HD Ticket Type"));
    }

    [Fact]
    public async Task A_502_after_a_POST_is_unknown_fate_and_a_deadlock_is_transient_and_neither_is_resent()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.BadGateway, 1, FaultTarget.ForDoctype("HD Customer", "POST"));
        h.Simulator.Faults.AddNth(FaultKind.Deadlock, 2, FaultTarget.ForDoctype("HD Customer", "POST"));

        var proxy = await Assert.ThrowsAsync<FrappeException>(() => h.Site.InsertAsync("HD Customer", Customer("A"), Ct));
        var deadlock = await Assert.ThrowsAsync<FrappeException>(() => h.Site.InsertAsync("HD Customer", Customer("B"), Ct));

        Assert.Equal(FrappeErrorKind.UnknownFate, proxy.Error.Kind);
        Assert.Equal((FrappeErrorKind.Transient, "QueryDeadlockError"), (deadlock.Error.Kind, deadlock.Error.ExcType));
        Assert.Equal(2, h.Simulator.Store.Requests.Count("POST /api/resource/HD Customer"));
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_on_the_clock_then_sent_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        await using var h = await FrappeClientHarness.StartAsync(clock);
        h.Simulator.Faults.LimitRate(1, TimeSpan.FromSeconds(10));
        await h.Site.GetLoggedUserAsync(Ct);

        var insert = h.Site.InsertAsync("HD Customer", Customer("Cửa hàng Hoa Mai"), Ct);
        await WaitUntilAsync(() => h.Simulator.Store.Requests.Count("POST /api/resource/HD Customer") == 1);
        await Task.Delay(100);
        Assert.False(insert.IsCompleted, "the client did not wait for Retry-After");
        Assert.Equal(0, h.Simulator.Store.Count("HD Customer"));

        clock.Advance(TimeSpan.FromSeconds(10));
        var created = await insert.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Cửa hàng Hoa Mai", created);
        Assert.Equal(2, h.Simulator.Store.Requests.Count("POST /api/resource/HD Customer"));
        Assert.Equal(1, h.Simulator.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task Doctype_metadata_is_fetched_once_per_site_until_forgotten()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        const string route = "GET /api/method/frappe.desk.form.load.getdoctype";

        await h.Site.GetMetaAsync("Contact", Ct);
        await h.Factory.Create(h.Connection).GetMetaAsync("Contact", Ct);
        Assert.Equal(1, h.Simulator.Store.Requests.Count(route));

        h.Factory.ForgetMetadata(h.Connection);
        await h.Factory.Create(h.Connection).GetMetaAsync("Contact", Ct);
        Assert.Equal(2, h.Simulator.Store.Requests.Count(route));
    }

    [Fact]
    public async Task The_API_secret_never_reaches_the_logs_even_at_trace_level()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        h.Simulator.Faults.AddNth(FaultKind.Deadlock, 1, FaultTarget.ForDoctype("HD Customer", "POST"));

        await h.Site.GetLoggedUserAsync(Ct);
        await Assert.ThrowsAsync<FrappeException>(() => h.Site.InsertAsync("HD Customer", Customer("X"), Ct));
        await Assert.ThrowsAsync<FrappeException>(() => h.SiteWith(h.Simulator.ApiKey, "sai-" + h.Simulator.ApiSecret).GetLoggedUserAsync(Ct));

        // Trace level reaches the pipeline's own lines (each attempt, with its outcome) and the client's failure lines.
        Assert.Contains(h.Logs.Lines, l => l.Contains("Polly: Execution attempt", StringComparison.Ordinal));
        Assert.Contains(h.Logs.Lines, l => l.Contains("QueryDeadlockError", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Simulator.ApiSecret, h.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_many_is_all_or_nothing_and_names_come_back_in_order()
    {
        await using var h = await FrappeClientHarness.StartAsync(simulator: new SimulatorOptions { Helpdesk = HelpdeskVersion.V1_4 });
        JsonObject Doc(string name) => new() { ["doctype"] = "HD Customer", ["customer_name"] = name };

        var names = await h.Site.InsertManyAsync([Doc("Một"), Doc("Hai")], Ct);
        var clash = await Assert.ThrowsAsync<FrappeException>(() => h.Site.InsertManyAsync([Doc("Ba"), Doc("Một")], Ct));

        Assert.Equal(["Một", "Hai"], names);
        Assert.Equal(FrappeErrorKind.Duplicate, clash.Error.Kind);
        Assert.Equal(2, await h.Site.CountAsync("HD Customer", null, Ct));
    }

    [Fact]
    public async Task A_failing_site_opens_its_own_circuit_and_is_not_called_while_another_site_carries_on()
    {
        await using var h = await FrappeClientHarness.StartAsync(clientSettings: new Dictionary<string, string?> { ["Portal:Frappe:MaxRetries"] = "1" });
        await using var healthy = await SimulatorHost.StartAsync();
        h.Simulator.Faults.AddShare(FaultKind.Deadlock, 1.0, FaultTarget.ForDoctype("HD Ticket Type", "GET"));

        var first = await Assert.ThrowsAsync<FrappeException>(() => h.Site.ListAsync("HD Ticket Type", FrappeListQuery.AllNames(), Ct));
        Assert.Equal("QueryDeadlockError", first.Error.ExcType);
        for (var i = 1; i < 25; i++)
        {
            await Assert.ThrowsAsync<FrappeException>(() => h.Site.ListAsync("HD Ticket Type", FrappeListQuery.AllNames(), Ct));
        }

        var served = h.Simulator.Store.Requests.Count("GET /api/resource/HD Ticket Type");
        var refused = await Assert.ThrowsAsync<FrappeException>(() => h.Site.GetLoggedUserAsync(Ct));
        var other = h.Factory.Create(new ImportPortal.Frappe.FrappeSiteConnection(healthy.BaseUrl, healthy.ApiKey, healthy.ApiSecret));

        Assert.InRange(served, 20, 24);
        Assert.Equal(FrappeErrorKind.Transient, refused.Error.Kind);
        Assert.Null(refused.Error.HttpStatus);
        Assert.Equal(0, h.Simulator.Store.Requests.Count("GET /api/method/frappe.auth.get_logged_user"));
        Assert.Equal("Administrator", await other.GetLoggedUserAsync(Ct));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the simulator");
            await Task.Delay(10);
        }
    }
}
