using System.Text;
using FrappeSimulator.Hosting;
using ImportPortal.TestData;
using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Mappings;

/// <summary>The preview shows each entity's exact request body and pins problems to their fields.</summary>
public sealed class PreviewTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>, IDisposable
{
    private readonly string _folder = TempFolders.Create("importportal-preview-");

    public void Dispose() => TempFolders.DeleteQuietly(_folder);

    [Fact]
    public async Task A_Freshdesk_ticket_preview_shows_ticket_contact_and_organisation_and_flags_a_long_subject_and_a_bad_email()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var csv = Path.Combine(_folder, "Tickets-preview.csv");
        await File.WriteAllTextAsync(csv, TicketsWithTwoBadRows(), new UTF8Encoding(true));

        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "preview");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await AddSiteAsync(op, sim);
        await UploadAsync(op, csv);

        // From the recognised upload straight to its preset, with the upload already bound.
        var clicked = DateTimeOffset.UtcNow;
        await op.Page.GetByTestId("upload-map-preset").ClickAsync();
        await Expect(op.Page.GetByTestId("profile-title")).ToContainTextAsync("Tickets-preview.csv");
        // Named with the time in the operators' zone (Hà Nội), not the server's UTC.
        var title = await op.Page.GetByTestId("profile-title").InnerTextAsync();
        Assert.True(
            new[] { clicked, DateTimeOffset.UtcNow }.Any(at => title.Contains(ImportPortal.Components.Shared.DisplayTime.Format(at), StringComparison.Ordinal)),
            $"the profile's name should carry the time in Asia/Ho_Chi_Minh ({ImportPortal.Components.Shared.DisplayTime.Format(clicked)}): {title}");
        await op.WaitForCircuitAsync();
        await Expect(op.Page.Locator(".mud-select").Filter(new() { HasText = "Upload for \"tickets\"" }).First).ToContainTextAsync("Tickets-preview.csv");

        await op.Page.GetByTestId("preview-rows").FillAsync("2, 4, 5");
        await op.Page.GetByTestId("preview-run").ClickAsync();

        var first = op.Page.Locator("[data-testid=preview-row][data-row='2']");
        await Expect(first.Locator("[data-testid=preview-entity][data-entity=Ticket]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(first.Locator("[data-testid=preview-entity][data-entity=Contact]")).ToHaveCountAsync(1);
        await Expect(first.Locator("[data-testid=preview-entity][data-entity=Organisation]")).ToHaveCountAsync(1);
        await Expect(first.Locator("[data-testid=preview-entity][data-entity=Ticket] [data-testid=preview-insert]")).ToContainTextAsync("\"subject\"");
        // Its finalise PUT also takes the times of its conversation, which every imported message would stamp with "now".
        await Expect(first.Locator("[data-testid=preview-entity][data-entity=Ticket] [data-testid=preview-conversation-dates]")).ToContainTextAsync("last_agent_response");

        // Its agent, named as the export names agents, is no agent of the site: its assignment would fail, and the preview says so.
        await Expect(first.Locator("[data-testid=preview-entity][data-entity=Ticket] [data-testid=field-problem][data-code='Mapping.AgentNotOnSite']"))
            .ToContainTextAsync("Lê Thị Hỗ Trợ");

        var longSubject = op.Page.Locator("[data-testid=preview-row][data-row='4'] [data-testid=field-problem][data-field=subject]");
        await Expect(longSubject).ToHaveCountAsync(1);
        var badEmail = op.Page.Locator("[data-testid=preview-row][data-row='5'] [data-testid=field-problem][data-code='Mapping.InvalidEmail']");
        await Expect(badEmail.First).ToBeVisibleAsync();
        await op.ScreenshotAsync("preview");

        await op.Page.GetByTestId("validate-run").ClickAsync();
        await Expect(op.Page.Locator("[data-testid=validation][data-state=Done]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(op.Page.GetByTestId("validation-totals")).ToContainTextAsync("4 records read");
        await Expect(op.Page.Locator("[data-testid=validation-count][data-code='Mapping.InvalidEmail']").First).ToBeVisibleAsync();
        await Expect(op.Page.Locator("[data-testid=validation-count][data-code='Mapping.Truncated']")).ToHaveTextAsync("1");
        // The site has no agent called "Lê Thị Hỗ Trợ", whom every row names, and no team "Tier 1", which the two added rows
        // name with no member it knows: the validation says so before any run, so both can be set up first.
        await Expect(op.Page.Locator("[data-testid=validation-count][data-code='Mapping.AgentNotOnSite']")).ToHaveTextAsync("4");
        await Expect(op.Page.Locator("[data-testid=validation-count][data-code='Mapping.TeamWithoutMembers']")).ToHaveTextAsync("2");
        await Expect(op.Page.GetByTestId("validation")).ToContainTextAsync("the site has no agent called \"Lê Thị Hỗ Trợ\"");
        await op.ScreenshotAsync("validation");

        // What of the file no field sends is listed, with how many rows hold it; one of them gets a field made on the site
        // and is mapped to it, to save with the profile.
        await op.Page.Locator("[data-testid=unsent-title] .mud-expand-panel-header").ClickAsync();
        await Expect(op.Page.Locator("[data-testid=unsent-column][data-column='Due by time']")).ToHaveAttributeAsync("data-count", "4");
        await op.Page.Locator("[data-testid=unsent-add][data-column='Due by time']").ClickAsync();
        await Expect(op.Page.GetByTestId("new-field")).ToContainTextAsync("custom_due_by_time");
        // Freshdesk writes its times year first: the field is a Datetime, filled through the profile's zones.
        await Expect(op.Page.GetByTestId("new-field")).ToContainTextAsync("Datetime");
        await op.ScreenshotAsync("new-field");
        await op.Page.GetByTestId("new-field-create").ClickAsync();
        await Expect(op.Page.Locator(".mud-snackbar")).ToContainTextAsync("custom_due_by_time was made on HD Ticket");
        await Expect(op.Page.GetByTestId("profile-editor")).ToHaveAttributeAsync("data-dirty", "true");
        await op.Page.GetByTestId("profile-save").ClickAsync();
        await Expect(op.Page.GetByTestId("profile-editor")).ToHaveAttributeAsync("data-dirty", "false");

        // The profile was saved: after a reload it is in the list.
        await op.GotoAsync("mappings");
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("mapping-name").Filter(new() { HasText = "Tickets-preview.csv" })).ToHaveCountAsync(1);
    }

    private static string TicketsWithTwoBadRows()
    {
        var text = Encoding.UTF8.GetString(FreshdeskSampleWriter.TicketCsv(2)).TrimStart('\uFEFF');
        string Row(string id, string subject, string email) =>
            string.Join(",", new[]
            {
                id, subject, "Mô tả", "Open", "High", "Email", "Question", "Công ty Lỗi", "Phạm Thị Lỗi", email, "0901234567",
                "Lê Thị Hỗ Trợ", "Tier 1", "2024-03-01 09:00:00", "2024-03-03 09:00:00", "", "", "2024-03-01 10:00:00", "",
            }.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\r\n";
        return text + Row("901", "Khiếu nại " + new string('x', 150), "pham.loi@example.vn") + Row("902", "Sai e-mail", "khong-phai-email@");
    }

    private static async Task AddSiteAsync(PortalPage op, SimulatorHandle sim)
    {
        await op.GotoAsync("sites");
        await op.WaitForCircuitAsync();
        await op.Page.GetByTestId("sites-add").ClickAsync();
        await op.Page.GetByTestId("site-name").FillAsync("Trang xem trước");
        await op.Page.GetByTestId("site-url").FillAsync(sim.BaseUrl.ToString());
        await op.Page.GetByTestId("site-key").FillAsync(sim.ApiKey);
        await op.Page.GetByTestId("site-secret").FillAsync(sim.ApiSecret);
        await op.Page.GetByTestId("site-save").ClickAsync();
        await Expect(op.Page.GetByTestId("site-title")).ToHaveTextAsync("Trang xem trước");
    }

    private static async Task UploadAsync(PortalPage op, string file)
    {
        await op.GotoAsync("uploads");
        await Expect(op.Page.Locator("[data-testid=upload-zone][data-ready=true]")).ToBeVisibleAsync();
        await op.Page.GetByTestId("upload-input").SetInputFilesAsync(file);
        await Expect(op.Page.Locator("[data-testid=upload-transfer][data-state=done]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await op.Page.GetByTestId("upload-open").ClickAsync();
        await Expect(op.Page.GetByTestId("upload-kind")).ToHaveTextAsync("Freshdesk tickets", new() { Timeout = 30_000 });
    }
}
