using System.Text.Json.Nodes;
using FrappeSimulator.Tests.Support;

namespace FrappeSimulator.Tests.Api;

public class ListTests
{
    static async Task<HttpClient> WithCustomers(FrappeSimulator.Hosting.SimulatorHandle sim, int count)
    {
        var client = sim.CreateClient();
        var docs = new JsonArray(Enumerable.Range(1, count).Select(i => (JsonNode)new JsonObject { ["doctype"] = "HD Customer", ["customer_name"] = $"C{i:00}", ["domain"] = i % 2 == 0 ? "even.example" : null }).ToArray());
        var answer = await client.Post("api/method/frappe.client.insert_many", new JsonObject { ["docs"] = docs });
        Assert.Equal(200, answer.Status);
        return client;
    }

    static async Task<List<string>> Names(HttpClient client, string query)
    {
        var answer = await client.Get($"api/resource/HD Customer?{query}");
        Assert.Equal(200, answer.Status);
        return answer.Data!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
    }

    [Fact]
    public async Task Default_page_is_20_and_limit_page_length_0_means_all()
    {
        await using var sim = await Simulators.Start();
        using var client = await WithCustomers(sim, 25);

        Assert.Equal(20, (await Names(client, "")).Count);
        Assert.Equal(25, (await Names(client, "limit_page_length=0")).Count);
        Assert.Equal(["C06", "C07"], await Names(client, "order_by=creation%20asc&limit_start=5&limit_page_length=2"));
    }

    [Fact]
    public async Task A_request_line_over_gunicorn_s_4094_bytes_gets_its_400_page_before_frappe_sees_it()
    {
        await using var sim = await Simulators.Start();
        using var client = await WithCustomers(sim, 3);
        string Filter(int names) => Uri.EscapeDataString(new JsonArray(new JsonArray("customer_name", "in",
            new JsonArray([.. Enumerable.Range(0, names).Select(i => (JsonNode)$"Công ty TNHH Thương mại Dịch vụ Hồng Phát {i}").Append("C02")]))).ToJsonString());
        var path = "/api/resource/HD%20Customer?fields=%5B%22name%22%5D&filters=";

        using var fits = await client.GetAsync(path + Filter(10));
        using var tooLong = await client.GetAsync(path + Filter(40));

        // "GET " + target + " HTTP/1.1": 13 bytes around the target.
        var size = path.Length + Filter(40).Length + 13;
        Assert.True(path.Length + Filter(10).Length + 13 <= 4094, "the first request should fit");
        Assert.Equal(System.Net.HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("text/html", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"Request Line is too large ({size} &gt; 4094)", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"customer_name":"C03"}""", "C03")]
    [InlineData("""[["customer_name","=","C03"]]""", "C03")]
    [InlineData("""[["customer_name",">=","C09"]]""", "C09,C10")]
    [InlineData("""[["customer_name","<","C02"]]""", "C01")]
    [InlineData("""[["customer_name","like","C1%"]]""", "C10")]
    [InlineData("""[["customer_name","not like","C0%"]]""", "C10")]
    [InlineData("""[["customer_name","in",["C01","C02"]]]""", "C01,C02")]
    [InlineData("""[["customer_name","not in","C01,C02,C03,C04,C05,C06,C07,C08"]]""", "C09,C10")]
    [InlineData("""{"domain":["is","set"],"customer_name":["<=","C04"]}""", "C02,C04")]
    [InlineData("""[["HD Customer","domain","is","not set"],["customer_name","!=","C01"],["customer_name","<","C06"]]""", "C03,C05")]
    [InlineData("""[["customer_name",">","C08"]]""", "C09,C10")]
    public async Task Filters_in_dict_and_list_form_support_Frappes_operators(string filters, string expected)
    {
        await using var sim = await Simulators.Start();
        using var client = await WithCustomers(sim, 10);

        var names = await Names(client, $"filters={Uri.EscapeDataString(filters)}&order_by=name%20asc&limit_page_length=0");

        Assert.Equal(expected.Split(','), names);
    }

    [Fact]
    public async Task Fields_select_columns_and_missing_values_come_back_as_null()
    {
        await using var sim = await Simulators.Start();
        using var client = await WithCustomers(sim, 2);

        var answer = await client.Get($"api/resource/HD Customer?fields={Uri.EscapeDataString("""["name","domain"]""")}&order_by=name%20desc");

        Assert.Equal("""[{"name":"C02","domain":"even.example"},{"name":"C01","domain":null}]""", answer.Data!.ToJsonString());
    }

    [Fact]
    public async Task Get_count_counts_with_filters()
    {
        await using var sim = await Simulators.Start();
        using var client = await WithCustomers(sim, 10);

        var all = await client.Get("api/method/frappe.client.get_count?doctype=HD Customer");
        var even = await client.Get($"api/method/frappe.client.get_count?doctype=HD Customer&filters={Uri.EscapeDataString("""{"domain":"even.example"}""")}");

        Assert.Equal(10, all.Message!.GetValue<int>());
        Assert.Equal(5, even.Message!.GetValue<int>());
    }

    [Fact]
    public async Task Filters_on_a_unique_field_answer_from_its_index_and_follow_updates_deletes_and_rollbacks()
    {
        await using var sim = await Simulators.Start();
        using var client = sim.CreateClient();
        await client.Insert("HD Ticket", new JsonObject { ["subject"] = "before the field" });
        await client.Insert("Custom Field", new JsonObject { ["dt"] = "HD Ticket", ["label"] = "Source ID", ["fieldname"] = "source_id", ["fieldtype"] = "Data", ["unique"] = 1 });
        var names = new List<string>();
        foreach (var id in new[] { "FD-1", "FD-2", "FD-3", "fd-4" })
        {
            names.Add((await client.Insert("HD Ticket", new JsonObject { ["subject"] = id, ["source_id"] = id })).Doc["name"]!.ToString());
        }

        async Task<List<string>> Subjects(string filters)
        {
            var answer = await client.Get($"api/resource/HD Ticket?fields={Uri.EscapeDataString("""["subject"]""")}&filters={Uri.EscapeDataString(filters)}&order_by=creation%20asc&limit_page_length=0");
            Assert.Equal(200, answer.Status);
            return answer.Data!.AsArray().Select(r => r!["subject"]!.ToString()).ToList();
        }

        Assert.Equal(["FD-1", "FD-3", "fd-4"], await Subjects("""[["source_id","in",["FD-3","FD-4","FD-1","FD-9"]]]"""));
        Assert.Equal(["FD-2"], await Subjects("""{"source_id":"fd-2"}"""));

        // An update moves the value, a delete drops it, and a refused insert (clash) leaves the index as it was.
        await client.Put($"api/resource/HD Ticket/{names[1]}", new JsonObject { ["source_id"] = "FD-20" });
        await client.Delete($"api/resource/HD Ticket/{names[2]}");
        var clash = await client.Insert("HD Ticket", new JsonObject { ["subject"] = "clash", ["source_id"] = "FD-1" });
        Assert.Equal(417, clash.Status);

        Assert.Equal(["FD-1", "FD-2"], await Subjects("""[["source_id","in",["FD-1","FD-2","FD-3","FD-20"]]]"""));
        Assert.Empty(await Subjects("""{"source_id":"FD-3"}"""));
        // An empty value is never in an index: such a filter scans, and finds the ticket made before the field existed.
        Assert.Equal(["before the field"], await Subjects("""[["source_id","in",["", "FD-7"]]]"""));
    }
}
