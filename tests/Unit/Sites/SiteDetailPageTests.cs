using Bunit;
using ImportPortal.Components.Pages.Sites;
using ImportPortal.Security;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Sites;

/// <summary>The site page rendered with the portal's real site services, talking to the simulator.</summary>
public sealed class SiteDetailPageTests : PortalComponentTest, IAsyncLifetime
{
    private SitesHarness _h = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await SitesHarness.StartAsync();
        Services.AddSingleton(_h.Catalog);
        Services.AddSingleton(_h.Preflight);
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@haravan.example");
        auth.SetRoles(PortalRoles.Admin);
        auth.SetPolicies(PortalRoles.AdminPolicy, PortalRoles.OperatorPolicy);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Theory]
    [InlineData("en", "Signed-in user and roles", "Nothing blocks an import")]
    [InlineData("vi", "Người dùng đăng nhập và vai trò", "Không có gì chặn việc nhập")]
    public async Task Testing_the_connection_shows_the_report_in_the_operators_language_without_the_secret(string culture, string userTitle, string verdict)
    {
        UseCulture(culture);
        var id = (await _h.Catalog.AddAsync("admin", _h.SimulatorInput(), CancellationToken.None)).Id!.Value;
        var page = Render<SiteDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=preflight-none]");

        await page.Find("button[data-testid=site-test]").ClickAsync(new());

        page.WaitForElement("[data-testid=preflight-report]", TimeSpan.FromSeconds(10));
        Assert.Contains(userTitle, page.Markup, StringComparison.Ordinal);
        Assert.Contains(verdict, page.Find("[data-testid=preflight-verdict]").TextContent, StringComparison.Ordinal);
        Assert.Equal(12, page.FindAll("[data-testid=preflight-line]").Count);
        Assert.DoesNotContain(_h.Simulator.ApiSecret, page.Markup, StringComparison.Ordinal);
        Assert.Contains("••••", page.Find("[data-testid=site-secret-value]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_reads_as_a_red_line_that_says_what_to_check()
    {
        UseCulture("en");
        var input = _h.SimulatorInput();
        input.ApiSecret = "wrong";
        var id = (await _h.Catalog.AddAsync("admin", input, CancellationToken.None)).Id!.Value;
        var page = Render<SiteDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=site-test]");

        await page.Find("button[data-testid=site-test]").ClickAsync(new());

        var userLine = page.WaitForElement("[data-testid=preflight-line][data-check=user]", TimeSpan.FromSeconds(10));
        Assert.Equal("Red", userLine.GetAttribute("data-severity"));
        Assert.Contains("refused", userLine.TextContent, StringComparison.OrdinalIgnoreCase);
    }
}
