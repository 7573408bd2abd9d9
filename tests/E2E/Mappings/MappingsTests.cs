using ImportPortal.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
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
        // The class shares one portal, so other tests' profiles may be listed too: work on this one's row only.
        var row = op.Page.GetByTestId("mappings-table").Locator("tr").Filter(new() { Has = NameLink(op, "Haravan phiếu") });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Freshdesk ticket export (CSV/XLSX)");

        await row.GetByTestId("mapping-rename").ClickAsync();
        await op.Page.GetByTestId("prompt-value").FillAsync("Haravan phiếu 2024");
        await op.Page.GetByTestId("prompt-ok").ClickAsync();
        var renamed = NameLink(op, "Haravan phiếu 2024");
        await Expect(renamed).ToHaveCountAsync(1);
        await Expect(NameLink(op, "Haravan phiếu")).ToHaveCountAsync(0);

        await op.Page.ReloadAsync();
        await op.WaitForCircuitAsync();
        await Expect(renamed).ToHaveCountAsync(1);
        await op.ScreenshotAsync("profiles");
    }

    [Fact]
    public async Task An_edited_subject_template_is_saved_and_still_there_after_a_reload()
    {
        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "mapping-editor");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await op.GotoAsync("mappings");
        await op.WaitForCircuitAsync();
        await op.Page.GetByTestId("mappings-name").FillAsync("Phiếu sửa tiêu đề");
        await op.Page.GetByTestId("mappings-create").ClickAsync();
        await op.Page.GetByTestId("mapping-name").Filter(new() { HasText = "Phiếu sửa tiêu đề" }).ClickAsync();
        await Expect(op.Page.GetByTestId("profile-title")).ToHaveTextAsync("Phiếu sửa tiêu đề");
        await op.WaitForCircuitAsync();

        await OpenTicketPanelAsync(op);
        await SubjectRow(op).Locator("[data-testid=field-edit]").ClickAsync();
        await op.Page.Locator(".mud-dialog .mud-select").Filter(new() { HasText = "Filled from" }).First.ClickAsync();
        await op.Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*Template\\s*$") }).ClickAsync();
        // The origin change re-renders the value box: fill it once that has happened, leave it, and see the value held.
        await Expect(op.Page.Locator(".mud-dialog .mud-select").Filter(new() { HasText = "Filled from" }).First).ToContainTextAsync("Template");
        var value = op.Page.Locator(".mud-dialog [data-testid=field-value]");
        await value.FillAsync("{Subject} (#{Ticket ID})");
        await value.PressAsync("Tab");
        await Expect(value).ToHaveValueAsync("{Subject} (#{Ticket ID})");
        await op.ScreenshotAsync("field-editor");
        await op.Page.GetByTestId("field-ok").ClickAsync();
        await Expect(SubjectRow(op).Locator("[data-testid=field-from]")).ToContainTextAsync("{Subject} (#{Ticket ID})");
        await op.Page.GetByTestId("profile-save").ClickAsync();
        await Expect(op.Page.Locator("[data-testid=profile-editor][data-dirty=false]")).ToHaveCountAsync(1);

        await op.Page.ReloadAsync();
        await op.WaitForCircuitAsync();
        await OpenTicketPanelAsync(op);
        await Expect(SubjectRow(op).Locator("[data-testid=field-from]")).ToContainTextAsync("Template: {Subject} (#{Ticket ID})");
        await op.ScreenshotAsync("editor");
    }

    private static ILocator NameLink(PortalPage op, string name) =>
        op.Page.GetByTestId("mapping-name").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{System.Text.RegularExpressions.Regex.Escape(name)}\\s*$") });

    private static Task OpenTicketPanelAsync(PortalPage op) =>
        op.Page.Locator("[data-testid=entity-panel][data-entity=Ticket] .mud-expand-panel-header").ClickAsync();

    private static ILocator SubjectRow(PortalPage op) =>
        op.Page.Locator("[data-testid=entity-editor][data-entity=Ticket] tr").Filter(new() { Has = op.Page.Locator("[data-target=subject]") });
}
