using ImportPortal.TestData;
using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Uploads;

/// <summary>An operator uploads Freshdesk exports in Chromium and sees them recognised and profiled.</summary>
public sealed class UploadsTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>, IDisposable
{
    // Uploading and profiling share two cores with the browser and the test: allow for a busy machine.
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 30_000 };

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
        await WaitForUploaderAsync(op);

        await op.Page.GetByTestId("upload-input").SetInputFilesAsync([csv, zip]);

        var transfers = op.Page.GetByTestId("upload-transfer");
        await Expect(transfers).ToHaveCountAsync(2);
        await Expect(op.Page.Locator("[data-testid=upload-transfer][data-state=done]")).ToHaveCountAsync(2, Slow);
        await Expect(op.Page.GetByTestId("upload-progress").First).ToHaveAttributeAsync("aria-valuenow", "100");
        await op.ScreenshotAsync("uploaded");

        await op.Page.GetByTestId("upload-transfer").Filter(new() { HasText = "Tickets.csv" }).GetByTestId("upload-open").ClickAsync();
        await Expect(op.Page.GetByTestId("upload-title")).ToHaveTextAsync("Tickets.csv");
        await Expect(op.Page.GetByTestId("upload-kind")).ToHaveTextAsync("Freshdesk tickets", new() { Timeout = 30_000 });
        await Expect(op.Page.GetByTestId("upload-rows")).ToHaveTextAsync("1,500");
        await Expect(op.Page.GetByTestId("upload-columns")).ToContainTextAsync("Requester email");
        await Expect(op.Page.GetByTestId("upload-columns")).ToContainTextAsync("e-mail");
        await Expect(op.Page.GetByTestId("upload-preview")).ToContainTextAsync(FreshdeskSampleWriter.RequesterEmail(1));
        await op.ScreenshotAsync("csv-profile");

        await op.GotoAsync("uploads");
        await WaitForUploaderAsync(op);
        await Expect(op.Page.GetByTestId("upload-link").Filter(new() { HasText = "freshdesk-export.zip" })).ToHaveCountAsync(1);
        await op.Page.GetByTestId("upload-link").Filter(new() { HasText = "freshdesk-export.zip" }).ClickAsync();
        await Expect(op.Page.GetByTestId("upload-title")).ToHaveTextAsync("freshdesk-export.zip");
        await Expect(op.Page.GetByTestId("upload-kind")).ToHaveTextAsync("Freshdesk account export", new() { Timeout = 30_000 });
        await Expect(op.Page.GetByTestId("upload-rows")).ToHaveTextAsync("40");
        await Expect(op.Page.Locator(".mud-tab")).ToContainTextAsync(["tickets (40)", "users", "companies", "groups"]);
        await op.ScreenshotAsync("zip-profile");

        // The same file again is recognised, not stored twice.
        await op.GotoAsync("uploads");
        await WaitForUploaderAsync(op);
        await op.Page.GetByTestId("upload-input").SetInputFilesAsync([csv]);
        await Expect(op.Page.Locator("[data-testid=upload-transfer][data-state=already]")).ToHaveCountAsync(1, Slow);
        await Expect(op.Page.GetByTestId("upload-link").Filter(new() { HasText = "Tickets.csv" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_40_MB_export_streams_in_past_the_servers_default_body_limit_with_its_progress_shown()
    {
        var big = Path.Combine(_folder, "Tickets-2024.csv");
        await using (var writer = new StreamWriter(big))
        {
            FreshdeskSampleWriter.WriteTicketCsv(writer, 135_000);
        }

        Assert.True(new FileInfo(big).Length > 40L * 1024 * 1024, "the test file must exceed Kestrel's 30 MB default");
        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "upload-big");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await op.GotoAsync("uploads");
        await WaitForUploaderAsync(op);

        await op.Page.GetByTestId("upload-input").SetInputFilesAsync(big);

        await Expect(op.Page.GetByTestId("upload-progress")).ToBeVisibleAsync();
        await Expect(op.Page.Locator("[data-testid=upload-transfer][data-state=done]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("upload-progress")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(op.Page.GetByTestId("uploads-table")).ToContainTextAsync("Tickets-2024.csv");
    }

    [Fact]
    public async Task An_upload_the_disk_has_no_room_for_says_so_in_vietnamese_and_nothing_is_stored()
    {
        var csv = Path.Combine(_folder, "Tickets.csv");
        await File.WriteAllBytesAsync(csv, FreshdeskSampleWriter.TicketCsv(20));
        var dataDir = Path.Combine(TempFolders.Create("importportal-noroom-"), "data");
        try
        {
            // A portal that keeps more free than any disk here has: every upload would leave it too little.
            await using var full = await PortalProcess.StartAsync(dataDir, new Dictionary<string, string>
            {
                ["Portal__AdminEmail"] = PortalFixture.AdminEmail,
                ["Portal__AdminPassword"] = PortalFixture.AdminPassword,
                ["Portal__Uploads__KeepFreeBytes"] = (1L << 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            await using var op = await PortalPage.OpenAsync(browser.Browser, full.BaseUrl, "upload-no-room");
            await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
            await op.Page.GetByTestId("language-menu").ClickAsync();
            await op.Page.GetByTestId("language-vi").ClickAsync();
            await Expect(op.Page.GetByTestId("nav-uploads")).ToHaveTextAsync("Tệp tải lên");
            await op.GotoAsync("uploads");
            await WaitForUploaderAsync(op);
            // Warned before uploading: the disk has less left than the portal keeps free.
            await Expect(op.Page.GetByTestId("storage-line")).ToContainTextAsync("Ổ đĩa máy chủ: còn trống");
            await Expect(op.Page.GetByTestId("storage-low")).ToContainTextAsync("lượt nhập sẽ dừng khi đĩa đầy");

            await op.Page.GetByTestId("upload-input").SetInputFilesAsync(csv);

            // What happened and what to do, not "the connection broke, try again".
            await Expect(op.Page.Locator("[data-testid=upload-transfer][data-state=failed]")).ToHaveCountAsync(1, Slow);
            await Expect(op.Page.GetByTestId("upload-problem")).ToContainTextAsync("Chưa lưu Tickets.csv: đĩa của máy chủ sẽ còn trống dưới 1024 TB");
            await Expect(op.Page.GetByTestId("upload-problem")).ToContainTextAsync("giải phóng chỗ");
            await op.ScreenshotAsync("refused");
            await Expect(op.Page.GetByTestId("upload-link")).ToHaveCountAsync(0);
            Assert.Empty(Directory.GetFiles(Path.Combine(dataDir, "uploads")));
        }
        finally
        {
            TempFolders.DeleteQuietly(Path.GetDirectoryName(dataDir)!);
        }
    }

    private static Task WaitForUploaderAsync(PortalPage page) =>
        Expect(page.Page.Locator("[data-testid=upload-zone][data-ready=true]")).ToBeVisibleAsync();
}
