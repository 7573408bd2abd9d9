using System.Text.Json.Nodes;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Api;

public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_inserts_get_distinct_names_and_none_is_lost()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("HD Customer", new JsonObject { ["customer_name"] = "Acme" });

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var results = new List<Answer>();
            for (var i = 0; i < 25; i++)
            {
                results.Add(await client.Insert("HD Ticket", new JsonObject { ["subject"] = $"w{worker}-{i}", ["description"] = "<p>x</p>" }));
                results.Add(await client.Insert("Contact", new JsonObject
                {
                    ["first_name"] = "Same", ["last_name"] = "Name",
                    ["links"] = new JsonArray(new JsonObject { ["link_doctype"] = "HD Customer", ["link_name"] = "Acme" }),
                }));
            }

            return results;
        }));

        var all = answers.SelectMany(a => a).ToList();
        Assert.All(all, a => Assert.Equal(200, a.Status));
        Assert.Equal(200, sim.Store.Count("HD Ticket"));
        Assert.Equal(200, sim.Store.Count("Communication"));
        Assert.Equal(200, sim.Store.Count("Contact"));
        Assert.Equal(200, all.Where(a => a.Doc["doctype"]!.GetValue<string>() == "HD Ticket").Select(a => a.Name).Distinct().Count());
        Assert.Equal("0200", sim.Store.List("HD Ticket").Max(t => t["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Malformed_json_is_a_frappe_error_not_a_crash()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();

        using var response = await client.PostAsync("api/resource/HD%20Customer", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var answer = await Answer.From(response);

        Assert.Equal(417, answer.Status);
        Assert.Equal("ValidationError", answer.ExcType);
    }
}
