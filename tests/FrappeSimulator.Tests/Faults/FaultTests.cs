using System.Diagnostics;
using System.Text.Json.Nodes;
using FrappeSimulator.Faults;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Faults;

public class FaultTests
{
    static JsonObject Customer(string name) => new() { ["customer_name"] = name };

    [Fact]
    public async Task Commit_then_drop_stores_the_document_and_cuts_the_connection()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.AddNth(FaultKind.CommitThenDrop, 1, FaultTarget.ForDoctype("HD Customer", "POST"));

        var error = await Record.ExceptionAsync(() => client.PostAsync("api/resource/HD%20Customer", FrappeCalls.Json(Customer("Acme"))));

        Assert.IsType<HttpRequestException>(error);
        Assert.NotNull(sim.Store.Get("HD Customer", "Acme"));
        var retry = await client.Insert("HD Customer", Customer("Acme"));
        Assert.Equal(409, retry.Status);
    }

    [Fact]
    public async Task A_connection_reset_happens_before_processing_and_stores_nothing()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.AddNth(FaultKind.ConnectionReset, 1);

        var error = await Record.ExceptionAsync(() => client.PostAsync("api/resource/HD%20Customer", FrappeCalls.Json(Customer("Acme"))));

        Assert.IsType<HttpRequestException>(error);
        Assert.Equal(0, sim.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task The_nth_request_targeting_hits_exactly_that_request()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        var rule = sim.Faults.AddNth(FaultKind.Deadlock, 3, FaultTarget.ForDoctype("HD Customer", "POST"));

        var statuses = new List<int>();
        for (var i = 1; i <= 5; i++)
        {
            await client.Get("api/resource/HD Customer");
            statuses.Add((await client.Insert("HD Customer", Customer($"C{i}"))).Status);
        }

        Assert.Equal([200, 200, 500, 200, 200], statuses);
        Assert.Equal(1, sim.Faults.Hits(rule));
        Assert.Null(sim.Store.Get("HD Customer", "C3"));
    }

    [Fact]
    public async Task A_deadlock_share_is_respected_and_repeats_with_the_same_seed()
    {
        async Task<List<int>> Run()
        {
            await using var sim = await Simulators.Start();
            using var client = sim.CreateClient();
            sim.Faults.AddShare(FaultKind.Deadlock, 0.25, FaultTarget.ForMethod("ping"));
            var statuses = new List<int>();
            for (var i = 0; i < 200; i++)
            {
                statuses.Add((await client.Get("api/method/ping")).Status);
            }

            return statuses;
        }

        var first = await Run();
        var second = await Run();

        var deadlocks = first.Count(s => s == 500);
        Assert.InRange(deadlocks, 30, 70);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_deadlock_answers_500_QueryDeadlockError()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.AddNth(FaultKind.Deadlock, 1);

        var answer = await client.Insert("HD Customer", Customer("Acme"));

        Assert.Equal(500, answer.Status);
        Assert.Equal("QueryDeadlockError", answer.ExcType);
    }

    [Theory]
    [InlineData(FaultKind.BadGateway, 502, "502 Bad Gateway")]
    [InlineData(FaultKind.GatewayTimeout, 504, "504 Gateway Time-out")]
    public async Task Proxy_faults_answer_an_nginx_html_page(FaultKind kind, int status, string title)
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.AddNth(kind, 1);

        using var response = await client.PostAsync("api/resource/HD%20Customer", FrappeCalls.Json(Customer("Acme")));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, sim.Store.Count("HD Customer"));
    }

    [Fact]
    public async Task The_rate_limit_answers_429_with_retry_after_and_rate_limit_headers()
    {
        var clock = new SteppingClock(new DateTimeOffset(2025, 3, 3, 3, 0, 10, TimeSpan.Zero), TimeSpan.Zero);
        await using var sim = await Simulators.Start(time: clock);
        using var client = sim.CreateClient();
        sim.Faults.LimitRate(2, TimeSpan.FromSeconds(60));

        var first = await client.Get("api/method/ping");
        await client.Get("api/method/ping");
        var limited = await client.Get("api/method/ping");
        clock.Advance(TimeSpan.FromSeconds(60));
        var nextWindow = await client.Get("api/method/ping");

        Assert.Equal("1", first.Response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(429, limited.Status);
        Assert.Equal("TooManyRequestsError", limited.ExcType);
        Assert.Equal(TimeSpan.FromSeconds(50), limited.Response.Headers.RetryAfter?.Delta);
        Assert.Equal("2", limited.Response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", limited.Response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("50", limited.Response.Headers.GetValues("X-RateLimit-Reset").Single());
        Assert.Equal(200, nextWindow.Status);
    }

    [Fact]
    public async Task Capacity_queues_requests_beyond_it()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.Capacity = 2;
        sim.Faults.Latency = new LatencyProfile(150);

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetAsync("api/method/ping")));

        Assert.Equal(2, sim.Faults.PeakConcurrency);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(420), $"six requests, two at a time, 150 ms each took only {watch.Elapsed}");
    }

    [Fact]
    public async Task Network_delay_slows_each_request_without_occupying_the_server()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.Capacity = 1;
        sim.Faults.Network = new LatencyProfile(300);
        sim.Faults.Latency = new LatencyProfile(20);
        sim.Faults.ServerLatency.Drain();

        var watch = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("api/method/ping")));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"a 300 ms round trip answered in {watch.Elapsed}");
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(1100), $"four requests over one slot took {watch.Elapsed}: the network delay was spent inside the capacity");
        var server = sim.Faults.ServerLatency.Drain();
        Assert.Equal(4, server.Count);
        Assert.True(ServerLatencies.Percentile(server, 1.0) < 250, $"server-side latency {ServerLatencies.Percentile(server, 1.0)} ms includes the network");
    }

    [Fact]
    public async Task Under_a_set_latency_an_insert_many_takes_its_documents_time_as_the_real_server_does()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.Latency = new LatencyProfile(40);
        JsonObject Batch(string doctype, string field) =>
            new() { ["docs"] = new JsonArray([.. Enumerable.Range(1, 10).Select(i => (JsonNode)new JsonObject { ["doctype"] = doctype, [field] = $"Khách {doctype} {i}" })]) };

        var watch = Stopwatch.StartNew();
        var tickets = await client.Post("api/method/frappe.client.insert_many", Batch("HD Ticket", "subject"));
        var ticketTime = watch.Elapsed;
        watch.Restart();
        var customers = await client.Post("api/method/frappe.client.insert_many", Batch("HD Customer", "customer_name"));
        var customerTime = watch.Elapsed;

        Assert.Equal(10, tickets.Message!.AsArray().Count);
        Assert.Equal(10, customers.Message!.AsArray().Count);
        // Ten tickets: one request's overhead and ten inserts, 6.85 single posts (about 1.46x faster than ten posts);
        // ten customers: 2.26 single posts (4.4x faster). Fitted to the real server (see BatchCost).
        Assert.True(ticketTime >= TimeSpan.FromMilliseconds(6.85 * 40 * 0.95), $"ten tickets in {ticketTime.TotalMilliseconds} ms");
        Assert.True(customerTime >= TimeSpan.FromMilliseconds(2.26 * 40 * 0.95), $"ten customers in {customerTime.TotalMilliseconds} ms");
        Assert.True(customerTime < ticketTime, $"customers {customerTime.TotalMilliseconds} ms, tickets {ticketTime.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Latency_adds_the_fixed_delay_plus_jitter()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.Latency = new LatencyProfile(100, 50);

        var watch = Stopwatch.StartNew();
        await client.Get("api/method/ping");

        Assert.InRange(watch.ElapsedMilliseconds, 95, 2000);
    }

    [Fact]
    public async Task A_service_time_counts_the_servers_own_work_the_document_is_written_at_once_and_the_answer_held_until_the_time_is_up()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.Latency = new LatencyProfile(400);

        var watch = Stopwatch.StartNew();
        var insert = client.Insert("HD Ticket", new JsonObject { ["subject"] = "Phiếu chờ trả lời" });
        var deadline = Stopwatch.StartNew();
        while (sim.Store.Count("HD Ticket") == 0 && deadline.ElapsedMilliseconds < 5000)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var writtenAfter = watch.ElapsedMilliseconds;
        var answeredAfter = (await insert, watch.ElapsedMilliseconds).Item2;
        var answer = await insert;

        Assert.Equal(1, sim.Store.Count("HD Ticket"));
        Assert.Equal(200, answer.Status);
        Assert.Equal("Phiếu chờ trả lời", answer.Doc["subject"]!.GetValue<string>());
        Assert.True(writtenAfter < 300 && writtenAfter < answeredAfter, $"written after {writtenAfter} ms, answered after {answeredAfter} ms");
        Assert.InRange(answeredAfter, 395, 3000);
    }

    [Fact]
    public async Task A_rejection_rule_refuses_matching_documents_with_the_given_message()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.Rejections.Add("HD Ticket", doc => doc["subject"]?.GetValue<string>().Contains("poison", StringComparison.Ordinal) == true, "Poisoned subject");

        var refused = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "a poison pill" });
        var accepted = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "fine" });

        Assert.Equal(417, refused.Status);
        Assert.Equal("ValidationError", refused.ExcType);
        Assert.Equal(["Poisoned subject"], refused.Messages);
        Assert.Equal(200, accepted.Status);
    }

    [Fact]
    public async Task A_fault_targeting_one_doctype_leaves_others_alone()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        sim.Faults.AddShare(FaultKind.Deadlock, 1.0, FaultTarget.ForDoctype("HD Ticket"));

        var customer = await client.Insert("HD Customer", Customer("Acme"));
        var ticket = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "s" });

        Assert.Equal(200, customer.Status);
        Assert.Equal(500, ticket.Status);
    }
}
