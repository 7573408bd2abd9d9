using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Hosting;

public class IntrospectionTests
{
    [Fact]
    public async Task The_store_lists_counts_and_finds_duplicates_without_http()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        foreach (var subject in new[] { "same", "same", "other" })
        {
            await client.Insert("HD Ticket", new JsonObject { ["subject"] = subject });
        }

        var duplicate = Assert.Single(sim.Store.FindDuplicates("HD Ticket", "subject"));

        Assert.Equal(3, sim.Store.Count("HD Ticket"));
        Assert.Equal(["0001", "0002", "0003"], sim.Store.List("HD Ticket").Select(t => t["name"]!.GetValue<string>()));
        Assert.Equal("same", duplicate.Value);
        Assert.Equal(["0001", "0002"], duplicate.Names);
        Assert.Equal(3, sim.Store.CountsByDoctype()["HD Ticket"]);
    }

    [Fact]
    public async Task Requests_are_counted_per_route()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "A" });
        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "B" });
        await client.Get("api/resource/HD Customer/A");

        Assert.Equal(2, sim.Store.Requests.Count("POST /api/resource/HD Customer"));
        Assert.Equal(1, sim.Store.Requests.Count("GET /api/resource/HD Customer"));
    }

    [Fact]
    public async Task Control_endpoints_answer_only_when_enabled()
    {
        await using var off = await Simulators.Start();
        await using var on = await Simulators.Start(control: true);
        using var offClient = off.CreateClient();
        using var onClient = on.CreateClient();
        await onClient.Insert("HD Customer", new JsonObject { ["customer_name"] = "A" });

        var disabled = await offClient.GetAsync("__sim/stats");
        var stats = await onClient.Get("__sim/stats");
        var fault = await onClient.Post("__sim/faults", new JsonObject { ["kind"] = "Deadlock", ["nth"] = 1 });
        var failed = await onClient.Get("api/method/ping");

        Assert.Equal(404, (int)disabled.StatusCode);
        Assert.Equal(1, stats.Body["documents"]!["HD Customer"]!.GetValue<int>());
        Assert.Equal(200, fault.Status);
        Assert.Equal(500, failed.Status);
    }

    [Fact]
    public async Task Network_delay_and_service_time_are_set_over_control_and_the_server_side_p50_leaves_the_network_out()
    {
        await using var sim = await Simulators.Start(control: true);
        using var client = sim.CreateClient();
        await client.Post("__sim/network", new JsonObject { ["fixed_ms"] = 120 });
        await client.Post("__sim/latency", new JsonObject { ["fixed_ms"] = 40 });
        await client.Post("__sim/server-latency", new JsonObject());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await client.Get("api/method/ping")).Status);
        }

        var perCall = watch.Elapsed.TotalMilliseconds / 3;
        var drained = await client.Post("__sim/server-latency", new JsonObject());
        var again = await client.Post("__sim/server-latency", new JsonObject());

        Assert.InRange(perCall, 160, 2000);
        Assert.Equal(3, drained.Body["count"]!.GetValue<int>());
        Assert.InRange(drained.Body["p50_ms"]!.GetValue<double>(), 40, 119);
        Assert.Equal(0, again.Body["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Only_loopback_addresses_are_accepted()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SimulatorHost.StartAsync(new SimulatorOptions { Url = "http://0.0.0.0:0" }));
    }

    [Fact]
    public async Task A_data_file_keeps_documents_and_counters_across_restarts()
    {
        var file = Path.Combine(Path.GetTempPath(), $"frappe-sim-{Guid.NewGuid():N}.json");
        try
        {
            await using (var first = await SimulatorHost.StartAsync(new SimulatorOptions { DataFile = file }))
            {
                using var client = first.CreateClient();
                await client.Insert("Custom Field", new JsonObject { ["dt"] = "HD Ticket", ["label"] = "Source ID", ["fieldtype"] = "Data" });
                await client.Insert("HD Ticket", new JsonObject { ["subject"] = "kept", ["custom_source_id"] = "FD-1" });
            }

            await using var second = await SimulatorHost.StartAsync(new SimulatorOptions { DataFile = file });
            using var again = second.CreateClient();
            var next = await again.Insert("HD Ticket", new JsonObject { ["subject"] = "next", ["custom_source_id"] = "FD-2" });

            Assert.Equal("FD-1", second.Store.Get("HD Ticket", "0001")!["custom_source_id"]!.GetValue<string>());
            Assert.Equal("0002", next.Name);
            Assert.Equal("FD-2", next.Doc["custom_source_id"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_seeded_document_is_prior_state_with_its_own_timestamps()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        sim.Seed("HD Customer", new JsonObject { ["customer_name"] = "Old", ["creation"] = "2020-01-01 00:00:00" });
        var fetched = await client.Get("api/resource/HD Customer/Old");

        Assert.Equal("2020-01-01 00:00:00", fetched.Doc["creation"]!.GetValue<string>());
    }
}
