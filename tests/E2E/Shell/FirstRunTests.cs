using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Shell;

public sealed class FirstRunTests(BrowserFixture browser)
{
    [Fact]
    public async Task Without_a_configured_Admin_the_setup_page_creates_one_and_then_disappears()
    {
        var dataDir = TempFolders.Create("importportal-setup-");
        try
        {
            await using var portal = await PortalProcess.StartAsync(dataDir);
            await using var tab = await PortalPage.OpenAsync(browser.Browser, portal.BaseUrl, "first-run");

            await tab.GotoAsync("sites");
            Assert.EndsWith("/setup", tab.Page.Url, StringComparison.Ordinal);
            await tab.ScreenshotAsync("setup");

            await tab.Page.GetByTestId("setup-email").FillAsync("le.thi.quan@haravan.example");
            await tab.Page.GetByTestId("setup-password").FillAsync("Quản-trị-2026");
            await tab.Page.GetByTestId("setup-confirm").FillAsync("Khác-hẳn-2026");
            await tab.Page.GetByTestId("setup-submit").ClickAsync();
            await Expect(tab.Page.GetByTestId("setup-error")).ToContainTextAsync("differ");

            await tab.Page.GetByTestId("setup-password").FillAsync("Quản-trị-2026");
            await tab.Page.GetByTestId("setup-confirm").FillAsync("Quản-trị-2026");
            await tab.Page.GetByTestId("setup-submit").ClickAsync();
            await tab.Page.WaitForURLAsync(url => !url.Contains("/setup", StringComparison.Ordinal));
            await tab.WaitForCircuitAsync();
            await Expect(tab.Page.GetByTestId("nav-users")).ToBeVisibleAsync();
            await tab.ScreenshotAsync("signed-in");

            await using var stranger = await PortalPage.OpenAsync(browser.Browser, portal.BaseUrl, "first-run-after");
            await stranger.GotoAsync("setup");
            Assert.Contains("/account/login", stranger.Page.Url, StringComparison.Ordinal);
        }
        finally
        {
            TempFolders.DeleteQuietly(dataDir);
        }
    }
}
