using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Mappings;

/// <summary>An operator starts a mapping profile from a preset, renames it, and finds it again after a reload.</summary>
public sealed class MappingsTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_profile_from_the_Freshdesk_preset_is_saved_renamed_and_still_there_after_a_reload()
    {
        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "mappings");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await op.GotoAsync("mappings");
        await op.WaitForCircuitAsync();

        await op.Page.GetByTestId("mappings-name").FillAsync("Haravan phiếu");
        await op.Page.GetByTestId("mappings-create").ClickAsync();
        await Expect(op.Page.GetByTestId("mapping-name")).ToHaveTextAsync("Haravan phiếu");
        await Expect(op.Page.GetByTestId("mappings-table")).ToContainTextAsync("Freshdesk ticket export (CSV/XLSX)");

        await op.Page.GetByTestId("mapping-rename").ClickAsync();
        await op.Page.GetByTestId("prompt-value").FillAsync("Haravan phiếu 2024");
        await op.Page.GetByTestId("prompt-ok").ClickAsync();
        await Expect(op.Page.GetByTestId("mapping-name")).ToHaveTextAsync("Haravan phiếu 2024");

        await op.Page.ReloadAsync();
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("mapping-name")).ToHaveTextAsync("Haravan phiếu 2024");
        await op.ScreenshotAsync("profiles");
    }
}
