using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Frappe;

/// <summary>
/// A list filtered on many values travels in the query string, and gunicorn, in front of every bench site, refuses a
/// request line over 4,094 bytes: the values go in chunks that fit, however long they are.
/// </summary>
public sealed class ListFiltersTests
{
    private static readonly string[] Companies =
    [
        .. Enumerable.Range(1, 150).Select(i => $"Công ty TNHH Thương mại Dịch vụ Hồng Phát Chi nhánh Thành phố Hồ Chí Minh số {i}"),
    ];

    [Fact]
    public void Values_are_cut_where_their_escaped_json_would_pass_the_budget_keeping_every_one_in_order()
    {
        var chunks = ListFilters.Chunk(Companies, maxCount: 100).ToList();

        Assert.Equal(Companies, chunks.SelectMany(c => c));
        Assert.True(chunks.Count > 2, $"long names should take several requests: {chunks.Count}");
        Assert.All(chunks, c => Assert.True(
            Uri.EscapeDataString(ListFilters.In("name", c).ToJsonString()).Length <= ListFilters.ValueBudget + 60,
            $"a chunk of {c.Count} is {Uri.EscapeDataString(ListFilters.In("name", c).ToJsonString()).Length} bytes escaped"));
        // Short values go a hundred at a time; one longer than the budget goes alone rather than not at all.
        Assert.Equal([100, 100, 50], ListFilters.Chunk(Enumerable.Range(1, 250).Select(i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), 100).Select(c => c.Count));
        var huge = new string('ễ', 1000);
        Assert.Equal([1, 1, 1], ListFilters.Chunk(["a", huge, "b"], 100).Select(c => c.Count));
    }

    [Fact]
    public async Task Long_vietnamese_names_are_found_on_a_site_behind_gunicorn_s_request_line_limit()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        foreach (var company in Companies)
        {
            h.Simulator.Seed("HD Customer", new JsonObject { ["name"] = company, ["customer_name"] = company });
        }

        var asked = Companies.Append("Công ty Cổ phần Không Tồn Tại").ToList();
        var ct = TestContext.Current.CancellationToken;

        var found = await SiteLookup.FindAsync(h.Site, "HD Customer", "name", asked, ct);
        var missing = await LinkChecker.FindMissingAsync(asked.Select(c => new LinkCheck("HD Customer", c)), h.Site, ct: ct);

        Assert.Equal(Companies.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([new LinkCheck("HD Customer", "Công ty Cổ phần Không Tồn Tại")], missing);
        // Sent 25 at a time, the same names are refused by the site's gunicorn before Frappe sees them (a hundred would
        // be past nginx's 8 KB in front of it: 414).
        var refused = await Assert.ThrowsAsync<FrappeException>(() => h.Site.ListAsync("HD Customer", FrappeListQuery.AllNames(ListFilters.In("name", Companies.Take(25))), ct));
        Assert.Equal(400, refused.Error.HttpStatus);
    }
}
