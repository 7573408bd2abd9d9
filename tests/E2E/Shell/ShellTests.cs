using ImportPortal.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Shell;

public sealed class ShellTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>
{
    private Task<PortalPage> OpenAsync(string testName) => PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, testName);

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_with_the_page_to_return_to()
    {
        await using var visitor = await OpenAsync("anonymous");

        await visitor.GotoAsync("runs");

        Assert.Contains("/account/login", visitor.Page.Url, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fruns", visitor.Page.Url, StringComparison.OrdinalIgnoreCase);
        await Expect(visitor.Page.GetByTestId("login-submit")).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("sign-in");

        await visitor.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        Assert.EndsWith("/runs", visitor.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_signs_in_and_reaches_every_section_from_the_navigation()
    {
        await using var admin = await OpenAsync("navigation");
        await admin.GotoAsync("");
        await admin.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);

        Assert.Equal("Move your support history into Frappe Helpdesk", await admin.HeadingAsync());
        await admin.Page.GetByTestId("user-menu").ClickAsync();
        await Expect(admin.Page.GetByTestId("signed-in-as")).ToHaveTextAsync(PortalFixture.AdminEmail);
        await admin.Page.Keyboard.PressAsync("Escape");
        await admin.ScreenshotAsync("home");

        (string Nav, string Path, string Heading)[] sections =
        [
            ("nav-sites", "/sites", "Frappe sites"),
            ("nav-uploads", "/uploads", "Uploads"),
            ("nav-mappings", "/mappings", "Mappings"),
            ("nav-runs", "/runs", "Runs"),
            ("nav-activity", "/activity", "Activity"),
            ("nav-users", "/users", "Users"),
        ];
        foreach (var (nav, path, heading) in sections)
        {
            await admin.Page.GetByTestId(nav).ClickAsync();
            await admin.Page.WaitForURLAsync(url => url.EndsWith(path, StringComparison.Ordinal));
            await Expect(admin.Page.Locator("h1")).ToHaveTextAsync(heading);
            await admin.ScreenshotAsync(path.TrimStart('/'));
        }

        await Expect(admin.Page.GetByTestId("users-table")).ToContainTextAsync(PortalFixture.AdminEmail);
    }

    [Fact]
    public async Task Choosing_Tieng_Viet_shows_Vietnamese_navigation_and_survives_a_reload()
    {
        await using var admin = await OpenAsync("vietnamese");
        await admin.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await Expect(admin.Page.GetByTestId("nav-sites")).ToHaveTextAsync("Sites");

        await admin.Page.GetByTestId("language-menu").ClickAsync();
        await admin.Page.GetByTestId("language-vi").ClickAsync();
        await Expect(admin.Page.GetByTestId("nav-sites")).ToHaveTextAsync("Trang Frappe");

        await admin.Page.ReloadAsync();
        await admin.WaitForCircuitAsync();
        await Expect(admin.Page.GetByTestId("nav-sites")).ToHaveTextAsync("Trang Frappe");
        await Expect(admin.Page.GetByTestId("nav-runs")).ToHaveTextAsync("Lượt nhập");
        await Expect(admin.Page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        Assert.Equal("Chuyển lịch sử hỗ trợ vào Frappe Helpdesk", await admin.HeadingAsync());
        await admin.ScreenshotAsync("home-vi");

        // Back to English, so the choice is proven to go both ways.
        await admin.Page.GetByTestId("language-menu").ClickAsync();
        await admin.Page.GetByTestId("language-en").ClickAsync();
        await Expect(admin.Page.GetByTestId("nav-sites")).ToHaveTextAsync("Sites");
    }

    [Fact]
    public async Task A_Viewer_is_refused_the_jobs_dashboard_and_the_activity_log_and_an_Admin_is_served_them()
    {
        await using var admin = await OpenAsync("hangfire-admin");
        await admin.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await UserAdministrationSteps.InviteAsync(admin, "nguyen.van.xem@haravan.example", "Xem-chi-2026", "Viewer");

        // The invitation is in the activity log, by whom, with what was done in the reader's words.
        await admin.GotoAsync("activity");
        var invited = admin.Page.GetByTestId("activity-table").Locator("tbody tr").Filter(new() { HasText = "nguyen.van.xem@haravan.example" });
        await Expect(invited.First).ToContainTextAsync("User invited");
        await Expect(invited.First).ToContainTextAsync(PortalFixture.AdminEmail);
        await admin.ScreenshotAsync("activity");
        var download = await admin.Page.RunAndWaitForDownloadAsync(() => admin.Page.GetByTestId("activity-download").ClickAsync());
        await using (var stream = await download.CreateReadStreamAsync())
        {
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            var csv = await reader.ReadToEndAsync();
            Assert.StartsWith("At (UTC),At (Asia/Ho_Chi_Minh),Who,Action,What,Subject,Detail", csv, StringComparison.Ordinal);
            Assert.Contains($"{PortalFixture.AdminEmail},user.created,User invited,nguyen.van.xem@haravan.example,role Viewer", csv, StringComparison.Ordinal);
        }

        var adminResponse = await admin.GotoAsync("hangfire");
        Assert.Equal(200, adminResponse!.Status);
        await Expect(admin.Page.Locator("body")).ToContainTextAsync("ImportPortal jobs");
        await admin.ScreenshotAsync("dashboard");

        await using var viewer = await OpenAsync("hangfire-viewer");
        await viewer.SignInAndWaitAsync("nguyen.van.xem@haravan.example", "Xem-chi-2026");
        await Expect(viewer.Page.GetByTestId("nav-users")).ToHaveCountAsync(0);
        await viewer.GotoAsync("hangfire");
        Assert.Contains("/account/access-denied", viewer.Page.Url, StringComparison.Ordinal);
        await Expect(viewer.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(viewer.Page.Locator("body")).Not.ToContainTextAsync("ImportPortal jobs");
        await viewer.ScreenshotAsync("refused");
        await Expect(viewer.Page.GetByTestId("nav-activity")).ToHaveCountAsync(0);
        await viewer.GotoAsync("activity");
        Assert.Contains("/account/access-denied", viewer.Page.Url, StringComparison.Ordinal);
        await Expect(viewer.Page.GetByTestId("activity-table")).ToHaveCountAsync(0);
        // Nor the file, asked for by its address.
        var file = await viewer.Page.APIRequest.GetAsync("activity.csv", new() { MaxRedirects = 0 });
        Assert.True(file.Status is 302 or 403, $"a Viewer should be refused the activity file, got {file.Status}");
        Assert.DoesNotContain("user.created", await file.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_after_the_configured_count()
    {
        const string email = "tran.thi.khoa@haravan.example";
        const string password = "Đúng-Mật-khẩu-1";
        await using (var admin = await OpenAsync("lockout-admin"))
        {
            await admin.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
            await UserAdministrationSteps.InviteAsync(admin, email, password, "Operator");
        }

        await using var operatorTab = await OpenAsync("lockout");
        for (var attempt = 1; attempt < PortalFixture.MaxFailedSignIns; attempt++)
        {
            await operatorTab.SignInAsync(email, "sai-mật-khẩu-" + attempt);
            await Expect(operatorTab.Page.GetByTestId("login-error")).ToContainTextAsync("do not match");
        }

        await operatorTab.SignInAsync(email, "sai-mật-khẩu-cuối");
        await Expect(operatorTab.Page.GetByTestId("login-error")).ToContainTextAsync("locked");
        await operatorTab.ScreenshotAsync("locked");

        // Even the right password is refused while the lock holds.
        await operatorTab.SignInAsync(email, password);
        await Expect(operatorTab.Page.GetByTestId("login-error")).ToContainTextAsync("locked");
        Assert.Contains("/account/login", operatorTab.Page.Url, StringComparison.Ordinal);
    }
}
