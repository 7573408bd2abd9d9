using ImportPortal.TestData;
using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Uploads;

/// <summary>An operator uploads Freshdesk exports in Chromium and sees them recognised and profiled.</summary>
public sealed class UploadsTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>, IDisposable
{
    private readonly string _folder = TempFolders.Create("importportal-upload-files-");

    public void Dispose() => TempFolders.DeleteQuietly(_folder);

    [Fact]
    public async Task A_Freshdesk_ticket_CSV_and_an_account_export_ZIP_are_uploaded_recognised_and_profiled()
    {
        var csv = Path.Combine(_folder, "Tickets.csv");
        await File.WriteAllBytesAsync(csv, FreshdeskSampleWriter.TicketCsv(1500));
        var zip = Path.Combine(_folder, "freshdesk-export.zip");
        await File.WriteAllBytesAsync(zip, FreshdeskSampleWriter.AccountExportZip(40, notesPerTicket: 3));

        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "uploads");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await op.GotoAsync("uploads");
        await op.WaitForCircuitAsync();

        await op.Page.GetByTestId("upload-input").SetInputFilesAsync([csv, zip]);

        var transfers = op.Page.GetByTestId("upload-transfer");
        await Expect(transfers).ToHaveCountAsync(2);
        await Expect(op.Page.Locator("[data-testid=upload-transfer][data-state=done]")).ToHaveCountAsync(2);
        await Expect(op.Page.GetByTestId("upload-progress").First).ToHaveAttributeAsync("aria-valuenow", "100");
        await op.ScreenshotAsync("uploaded");

        await op.Page.GetByTestId("upload-transfer").Filter(new() { HasText = "Tickets.csv" }).GetByTestId("upload-open").ClickAsync();
        await Expect(op.Page.GetByTestId("upload-title")).ToHaveTextAsync("Tickets.csv");
        await Expect(op.Page.GetByTestId("upload-kind")).ToHaveTextAsync("Freshdesk tickets");
        await Expect(op.Page.GetByTestId("upload-rows")).ToHaveTextAsync("1,500");
        await Expect(op.Page.GetByTestId("upload-columns")).ToContainTextAsync("Requester email");
        await Expect(op.Page.GetByTestId("upload-columns")).ToContainTextAsync("e-mail");
        await Expect(op.Page.GetByTestId("upload-preview")).ToContainTextAsync(FreshdeskSampleWriter.RequesterEmail(1));
        await op.ScreenshotAsync("csv-profile");

        await op.GotoAsync("uploads");
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("upload-link")).ToHaveCountAsync(2);
        await op.Page.GetByTestId("upload-link").Filter(new() { HasText = "freshdesk-export.zip" }).ClickAsync();
        await Expect(op.Page.GetByTestId("upload-title")).ToHaveTextAsync("freshdesk-export.zip");
        await Expect(op.Page.GetByTestId("upload-kind")).ToHaveTextAsync("Freshdesk account export");
        await Expect(op.Page.GetByTestId("upload-rows")).ToHaveTextAsync("40");
        await Expect(op.Page.Locator(".mud-tab")).ToContainTextAsync(["tickets (40)", "users", "companies", "groups"]);
        await op.ScreenshotAsync("zip-profile");

        // The same file again is recognised, not stored twice.
        await op.GotoAsync("uploads");
        await op.WaitForCircuitAsync();
        await op.Page.GetByTestId("upload-input").SetInputFilesAsync([csv]);
        await Expect(op.Page.Locator("[data-testid=upload-transfer][data-state=already]")).ToHaveCountAsync(1);
        await Expect(op.Page.GetByTestId("upload-link")).ToHaveCountAsync(2);
    }
}
