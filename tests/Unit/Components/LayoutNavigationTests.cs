using Bunit;
using ImportPortal.Components.Layout;
using ImportPortal.Jobs;
using ImportPortal.Runs;
using ImportPortal.Security;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components;

public sealed class LayoutNavigationTests : PortalComponentTest, IAsyncLifetime
{
    private PortalServices _portal = null!;

    public async ValueTask InitializeAsync()
    {
        // The layout's notice of ended runs reads runs: the real run services over a real (empty) database.
        _portal = await PortalServices.StartImportMachineryAsync();
        Services.AddSingleton(_portal.Get<RunQueries>());
        Services.AddSingleton(_portal.Get<ProgressFeed<RunProgress>>());
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _portal.DisposeAsync();
    }

    private IRenderedComponent<MainLayout> RenderLayout(params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("nguyen.van.a@haravan.example");
        auth.SetRoles(roles);
        if (roles.Contains(PortalRoles.Admin))
        {
            auth.SetPolicies(PortalRoles.AdminPolicy, PortalRoles.OperatorPolicy);
        }

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));
    }

    private static string NavText(IRenderedComponent<MainLayout> layout, string testId) =>
        layout.Find($"[data-testid={testId}]").TextContent.Trim();

    [Theory]
    [InlineData("en", "Home", "Sites", "Uploads", "Mappings", "Runs", "Users", "Activity")]
    [InlineData("vi", "Trang chủ", "Trang Frappe", "Tệp tải lên", "Ánh xạ", "Lượt nhập", "Người dùng", "Nhật ký hoạt động")]
    public void Navigation_speaks_the_chosen_language(string culture, string home, string sites, string uploads, string mappings, string runs, string users, string activity)
    {
        UseCulture(culture);

        var layout = RenderLayout(PortalRoles.Admin);

        Assert.Equal(home, NavText(layout, "nav-home"));
        Assert.Equal(sites, NavText(layout, "nav-sites"));
        Assert.Equal(uploads, NavText(layout, "nav-uploads"));
        Assert.Equal(mappings, NavText(layout, "nav-mappings"));
        Assert.Equal(runs, NavText(layout, "nav-runs"));
        Assert.Equal(users, NavText(layout, "nav-users"));
        Assert.Equal(activity, NavText(layout, "nav-activity"));
        Assert.Contains("page body", layout.Markup, StringComparison.Ordinal);
        Assert.Single(layout.FindAll("[data-testid=circuit-ready]"));
    }

    [Fact]
    public void Users_activity_and_jobs_links_are_only_offered_to_Admins()
    {
        UseCulture("en");

        var layout = RenderLayout(PortalRoles.Viewer);

        Assert.Empty(layout.FindAll("[data-testid=nav-users]"));
        Assert.Empty(layout.FindAll("[data-testid=nav-jobs]"));
        Assert.Empty(layout.FindAll("[data-testid=nav-activity]"));
        Assert.Single(layout.FindAll("[data-testid=nav-runs]"));
    }

    [Fact]
    public void The_theme_switch_flips_to_dark_and_remembers_it_in_the_browser()
    {
        UseCulture("en");
        var layout = RenderLayout(PortalRoles.Operator);

        layout.Find("button[data-testid=theme-toggle]").Click();

        Assert.Equal(true, JSInterop.VerifyInvoke("importPortal.rememberTheme").Arguments.Single());
        Assert.Contains("Switch to light theme", layout.Markup, StringComparison.Ordinal);
    }
}
