using ImportPortal.Sites;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Sites;

public sealed class SiteCatalogTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task The_secret_is_stored_encrypted_and_only_the_server_side_connection_carries_it()
    {
        await using var h = await SitesHarness.StartAsync();

        var result = await h.Catalog.AddAsync("admin@haravan.example", h.SimulatorInput(), Ct);

        Assert.True(result.Succeeded);
        var stored = await h.InDatabaseAsync(db => db.Sites.SingleAsync());
        Assert.DoesNotContain(h.Simulator.ApiSecret, stored.ProtectedSecret, StringComparison.Ordinal);
        var summary = await h.Catalog.FindAsync(result.Id!.Value, Ct);
        Assert.DoesNotContain(h.Simulator.ApiSecret, summary!.ToString(), StringComparison.Ordinal);
        var connection = await h.Catalog.ConnectAsync(result.Id!.Value, Ct);
        Assert.Equal(h.Simulator.ApiSecret, connection!.ApiSecret);
        Assert.DoesNotContain(h.Simulator.ApiSecret, connection.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Simulator.ApiSecret, await h.ReadDataFolderAsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_without_a_secret_keeps_the_stored_one_and_every_change_is_audited()
    {
        await using var h = await SitesHarness.StartAsync();
        var id = (await h.Catalog.AddAsync("admin", h.SimulatorInput(), Ct)).Id!.Value;
        var before = await h.InDatabaseAsync(db => db.Sites.AsNoTracking().SingleAsync());

        var edit = h.SimulatorInput("Hỗ trợ Haravan (thử nghiệm)");
        edit.ApiSecret = "";
        var changed = await h.Catalog.UpdateAsync("admin", id, edit, Ct);
        await h.Catalog.DeleteAsync("admin", id, Ct);

        Assert.True(changed.Succeeded);
        var audit = await h.InDatabaseAsync(db => db.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.StartsWith("site.created", audit[0], StringComparison.Ordinal);
        Assert.Equal("site.changed: name Hỗ trợ Haravan -> Hỗ trợ Haravan (thử nghiệm)", audit[1]);
        Assert.StartsWith("site.deleted", audit[2], StringComparison.Ordinal);
        Assert.DoesNotContain(audit, a => a.Contains(h.Simulator.ApiSecret, StringComparison.Ordinal));
        Assert.NotNull(before.ProtectedSecret);
    }

    [Theory]
    [InlineData("", "https://support.example.vn", "key", "secret", "Sites.NameRequired")]
    [InlineData("Site", "https://", "key", "secret", "Sites.UrlInvalid")]
    [InlineData("Site", "hỗ trợ haravan", "key", "secret", "Sites.UrlInvalid")]
    [InlineData("Site", "https://quan.tri:matkhau@hotro.haravan.example", "key", "secret", "Sites.UrlInvalid")]
    [InlineData("Site", "https://hotro.haravan.example/frappe?site=1", "key", "secret", "Sites.UrlInvalid")]
    [InlineData("Site", "ftp://support.example.vn", "key", "secret", "Sites.UrlInvalid")]
    [InlineData("Site", "https://support.example.vn", " ", "secret", "Sites.KeyRequired")]
    [InlineData("Site", "https://support.example.vn", "key", "", "Sites.SecretRequired")]
    public async Task A_bad_form_is_refused_with_the_reason(string name, string url, string key, string secret, string problem)
    {
        await using var h = await SitesHarness.StartAsync();

        var result = await h.Catalog.AddAsync("admin", new SiteInput { Name = name, BaseUrl = url, ApiKey = key, ApiSecret = secret }, Ct);

        Assert.Equal([problem], result.ErrorKeys);
        Assert.Empty(await h.Catalog.ListAsync(Ct));
    }

    [Theory]
    [InlineData("hotro.haravan.example", "https://hotro.haravan.example")]
    [InlineData(" https://hotro.haravan.example/ ", "https://hotro.haravan.example")]
    [InlineData("https://hotro.haravan.example/helpdesk/tickets/4217#activity", "https://hotro.haravan.example")]
    [InlineData("https://hotro.haravan.example/app/hd-ticket?status=Open", "https://hotro.haravan.example")]
    [InlineData("http://127.0.0.1:8000/app", "http://127.0.0.1:8000")]
    [InlineData("https://cong.haravan.example/frappe/", "https://cong.haravan.example/frappe")]
    public async Task An_address_pasted_from_the_browser_is_kept_as_the_site_the_api_answers_at(string pasted, string stored)
    {
        await using var h = await SitesHarness.StartAsync();

        var result = await h.Catalog.AddAsync("admin", new SiteInput { Name = "Hỗ trợ Haravan", BaseUrl = pasted, ApiKey = "key", ApiSecret = "secret" }, Ct);

        Assert.True(result.Succeeded, string.Join(", ", result.ErrorKeys));
        Assert.Equal(stored, Assert.Single(await h.Catalog.ListAsync(Ct)).BaseUrl);
    }

    [Fact]
    public async Task Two_sites_cannot_share_a_name()
    {
        await using var h = await SitesHarness.StartAsync();
        await h.Catalog.AddAsync("admin", h.SimulatorInput(), Ct);

        var second = await h.Catalog.AddAsync("admin", h.SimulatorInput(), Ct);

        Assert.Equal(["Sites.NameTaken"], second.ErrorKeys);
    }
}
