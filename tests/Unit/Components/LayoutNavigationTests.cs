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

    private IRenderedComponent<MainLayout> RenderLayout(params string[] roles) => RenderLayout(b => b.AddContent(0, "page body"), roles);

    private IRenderedComponent<MainLayout> RenderLayout(RenderFragment body, params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("nguyen.van.a@haravan.example");
        auth.SetRoles(roles);
        if (roles.Contains(PortalRoles.Admin))
        {
            auth.SetPolicies(PortalRoles.AdminPolicy, PortalRoles.OperatorPolicy);
        }

        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<MainLayout>(p => p.Add(l => l.Body, body));
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

    [Theory]
    [InlineData("en", "This page stopped on an error the portal did not expect (", "Try again")]
    [InlineData("vi", "Trang đã dừng vì một lỗi ngoài dự kiến của cổng nhập (", "Thử lại")]
    public void An_unexpected_error_stays_on_its_page_says_what_to_do_and_the_page_can_try_again(string culture, string said, string tryAgain)
    {
        UseCulture(culture);
        var layout = RenderLayout(b =>
        {
            b.OpenComponent<Failing>(0);
            b.CloseComponent();
        }, PortalRoles.Operator);

        layout.Find("[data-testid=fail]").Click();

        var error = layout.Find("[data-testid=page-error]");
        Assert.StartsWith(said, error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Asia/Ho_Chi_Minh", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("InvalidOperationException: Bảng tạm bị khoá", layout.Find("[data-testid=page-error-detail]").TextContent.Trim());
        // The rest of the portal is still there: the navigation works, the connection stays.
        Assert.NotEmpty(layout.FindAll("[data-testid=nav-runs]"));
        Assert.Equal(tryAgain, layout.Find("[data-testid=page-error-retry]").TextContent.Trim());

        layout.Find("[data-testid=page-error-retry]").Click();

        Assert.Empty(layout.FindAll("[data-testid=page-error]"));
        Assert.Single(layout.FindAll("[data-testid=fail]"));
    }

    [Theory]
    [InlineData("en", "A dialog stopped on an error the portal did not expect (", "Close")]
    [InlineData("vi", "Một hộp thoại đã dừng vì một lỗi ngoài dự kiến của cổng nhập (", "Đóng")]
    public async Task A_dialog_s_unexpected_error_closes_the_dialog_says_so_and_leaves_the_page_as_it_was(string culture, string said, string close)
    {
        UseCulture(culture);
        var layout = RenderLayout(b =>
        {
            b.OpenComponent<PageWithDialog>(0);
            b.CloseComponent();
        }, PortalRoles.Operator);

        await layout.InvokeAsync(() => layout.Find("[data-testid=open-dialog]").Click());
        layout.WaitForElement("[data-testid=dialog-fail]").Click();

        // Dialogs render in the layout, outside the page's boundary: without their own, this error ended the connection.
        var error = layout.WaitForElement("[data-testid=dialog-error]");
        Assert.StartsWith(said, error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Asia/Ho_Chi_Minh", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("InvalidOperationException: Không đọc được hồ sơ ánh xạ", layout.Find("[data-testid=dialog-error-detail]").TextContent.Trim());
        Assert.Empty(layout.FindAll("[data-testid=dialog-fail]"));
        Assert.Empty(layout.FindAll("[data-testid=page-error]"));
        Assert.Equal("đã nhập 3", layout.Find("[data-testid=page-state]").TextContent);
        Assert.Equal(close, layout.Find("[data-testid=dialog-error-close]").TextContent.Trim());

        layout.Find("[data-testid=dialog-error-close]").Click();

        // The notice goes, and the next dialog opens as usual.
        Assert.Empty(layout.FindAll("[data-testid=dialog-error]"));
        await layout.InvokeAsync(() => layout.Find("[data-testid=open-dialog]").Click());
        layout.WaitForElement("[data-testid=dialog-fail]");
    }

    /// <summary>A page that keeps a state of its own and opens a dialog with a defect.</summary>
    private sealed class PageWithDialog : ComponentBase
    {
        [Inject]
        private MudBlazor.IDialogService Dialogs { get; set; } = null!;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "data-testid", "page-state");
            builder.AddContent(2, "đã nhập 3");
            builder.CloseElement();
            builder.OpenElement(3, "button");
            builder.AddAttribute(4, "data-testid", "open-dialog");
            builder.AddAttribute(5, "onclick", EventCallback.Factory.Create(this, () => Dialogs.ShowAsync<Failing>("Sửa ánh xạ", new MudBlazor.DialogParameters<Failing> { { f => f.TestId, "dialog-fail" }, { f => f.Message, "Không đọc được hồ sơ ánh xạ" } })));
            builder.CloseElement();
        }
    }

    /// <summary>A page or a dialog with a defect: its button throws while it renders again.</summary>
    private sealed class Failing : ComponentBase
    {
        private bool _failing;

        [Parameter]
        public string TestId { get; set; } = "fail";

        [Parameter]
        public string Message { get; set; } = "Bảng tạm bị khoá";

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            if (_failing)
            {
                throw new InvalidOperationException(Message);
            }

            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", TestId);
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => _failing = true));
            builder.AddContent(3, "Lưu");
            builder.CloseElement();
        }
    }
}
