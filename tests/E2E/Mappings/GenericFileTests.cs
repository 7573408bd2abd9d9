using System.Text;
using FrappeSimulator.Hosting;
using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Mappings;

/// <summary>A ticket file from another system, with Vietnamese headers, becomes a profile in one click and previews as tickets.</summary>
public sealed class GenericFileTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>, IDisposable
{
    private readonly string _folder = TempFolders.Create("importportal-generic-");

    public void Dispose() => TempFolders.DeleteQuietly(_folder);

    [Fact]
    public async Task A_generic_vietnamese_ticket_file_is_mapped_from_its_headers_and_previews_its_ticket_requester_and_type()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var csv = Path.Combine(_folder, "Danh sách phiếu.csv");
        await File.WriteAllTextAsync(csv, """
            Mã phiếu,Tiêu đề,Nội dung,Trạng thái,Loại,Công ty,Tên khách hàng,Email khách hàng,Ngày tạo
            501,Không in được hoá đơn,"Máy in báo lỗi ""E-05"".",Đã đóng,Hỗ trợ kỹ thuật,Công ty Ánh Dương,Trần Thị Bình,binh.tran@anhduong.vn,2024-03-01 09:00:00
            502,Đổi gói dịch vụ,Xin đổi sang gói năm.,Mở,Hoá đơn,,Lê Văn Cường,cuong.le@example.vn,2024-03-02 10:15:00

            """.Replace("\n", "\r\n", StringComparison.Ordinal), new UTF8Encoding(true));

        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "generic");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await PortalSteps.AddSiteAsync(op, sim, "Trang tệp chung");
        await PortalSteps.UploadAsync(op, csv, "Generic table");

        await op.Page.GetByTestId("upload-map-generic").ClickAsync();
        await Expect(op.Page.GetByTestId("profile-title")).ToContainTextAsync("Danh sách phiếu.csv");
        await op.WaitForCircuitAsync();
        // The ticket is keyed by the file's own id column, and its type is an entity of its own.
        await Expect(op.Page.Locator("[data-testid=entity-editor][data-entity=Ticket]")).ToContainTextAsync("Mã phiếu");
        await Expect(op.Page.Locator("[data-testid=entity-editor][data-entity=TicketType]")).ToHaveCountAsync(1);

        // Its source and key, in the editor's dialog: the key is one of the upload's columns, offered as chips.
        await op.Page.Locator("[data-testid=entity-panel][data-entity=Ticket] .mud-expand-panel-header").ClickAsync();
        await op.Page.Locator("[data-testid=entity-panel][data-entity=Ticket] [data-testid=entity-settings-open]").ClickAsync();
        var settings = op.Page.GetByTestId("entity-settings");
        await Expect(settings.Locator("input[data-testid=entity-key], [data-testid=entity-key] input").First).ToHaveValueAsync("Mã phiếu");
        await Expect(settings.Locator("[data-testid=entity-column]")).ToHaveCountAsync(9);
        await op.ScreenshotAsync("generic-ticket-key");
        await op.Page.Locator(".mud-dialog button").Filter(new() { HasText = "Cancel" }).ClickAsync();
        await Expect(settings).ToHaveCountAsync(0);
        await Expect(op.Page.Locator(".mud-select").Filter(new() { HasText = "Upload for \"tickets\"" }).First).ToContainTextAsync("Danh sách phiếu.csv");
        await ChooseSiteAsync(op, "Trang tệp chung");

        await op.Page.GetByTestId("preview-rows").FillAsync("2");
        await op.Page.GetByTestId("preview-run").ClickAsync();

        var row = op.Page.Locator("[data-testid=preview-row][data-row='2']");
        var ticket = row.Locator("[data-testid=preview-entity][data-entity=Ticket]");
        await Expect(ticket).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(ticket.Locator("[data-testid=preview-insert]")).ToContainTextAsync("Không in được hoá đơn");
        await Expect(ticket.Locator("[data-testid=preview-insert]")).ToContainTextAsync("binh.tran@anhduong.vn");
        await Expect(row.Locator("[data-testid=preview-entity][data-entity=Contact]")).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-testid=preview-entity][data-entity=TicketType]")).ToContainTextAsync("Hỗ trợ kỹ thuật");
        await Expect(row.Locator("[data-testid=field-problem]")).ToHaveCountAsync(0);
        await op.ScreenshotAsync("generic-preview");

        // The tickets' messages come in a file of their own: its upload page offers to add it to the ticket file's profile.
        var messages = Path.Combine(_folder, "Tin nhắn.csv");
        await File.WriteAllTextAsync(messages, """
            Mã tin nhắn,Mã phiếu,Người gửi,Nội dung tin nhắn,Ngày gửi
            9001,501,binh.tran@anhduong.vn,Máy in vẫn báo lỗi ạ,2024-03-01 11:00:00
            9002,501,hotro@haravan.vn,Anh/chị thử cài lại driver giúp em,2024-03-01 15:00:00

            """.Replace("\n", "\r\n", StringComparison.Ordinal), new UTF8Encoding(true));
        await PortalSteps.UploadAsync(op, messages, "Generic table");
        var offer = op.Page.GetByTestId("upload-messages");
        await Expect(offer).ToContainTextAsync("looks like ticket messages");
        var profiles = offer.Locator(".mud-select").First;
        await profiles.ClickAsync();
        await op.Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Danh sách phiếu.csv" }).ClickAsync();
        await Expect(profiles).ToContainTextAsync("Danh sách phiếu.csv");
        await op.ScreenshotAsync("generic-messages-offer");
        await op.Page.GetByTestId("upload-add-messages").ClickAsync();

        await Expect(op.Page.GetByTestId("profile-title")).ToContainTextAsync("Danh sách phiếu.csv");
        await op.WaitForCircuitAsync();
        await Expect(op.Page.Locator(".mud-snackbar")).ToContainTextAsync("were added as the table \"messages\"");
        await Expect(op.Page.Locator("[data-testid=entity-panel][data-entity=Reply]").Filter(new() { HasText = "messages" })).ToHaveCountAsync(1);
        await Expect(op.Page.Locator(".mud-select").Filter(new() { HasText = "Upload for \"messages\"" }).First).ToContainTextAsync("Tin nhắn.csv");
        // The ticket file it goes with is bound too: the upload with every column the profile reads from "tickets".
        await Expect(op.Page.Locator(".mud-select").Filter(new() { HasText = "Upload for \"tickets\"" }).First).ToContainTextAsync("Danh sách phiếu.csv");
        await Expect(op.Page.GetByTestId("preview-unbound-lookup")).ToHaveCountAsync(0);
        await ChooseSiteAsync(op, "Trang tệp chung");
        await op.Page.GetByTestId("profile-save").ClickAsync();
        await Expect(op.Page.Locator("[data-testid=profile-editor][data-dirty=false]")).ToHaveCountAsync(1);

        // The team's answer is sent, the customer's question received: each by who wrote it, as the ticket file's
        // requesters say.
        await op.Page.GetByTestId("preview-rows").FillAsync("");
        await op.Page.GetByTestId("preview-run").ClickAsync();
        var answer = op.Page.Locator("[data-testid=preview-entity][data-entity=Reply]").Filter(new() { HasText = "cài lại driver" });
        await Expect(answer).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(answer.Locator("[data-testid=preview-insert]")).ToContainTextAsync("\"sent_or_received\": \"Sent\"");
        var question = op.Page.Locator("[data-testid=preview-entity][data-entity=Reply]").Filter(new() { HasText = "vẫn báo lỗi" });
        await Expect(question.Locator("[data-testid=preview-insert]")).ToContainTextAsync("\"sent_or_received\": \"Received\"");
        await op.ScreenshotAsync("generic-messages-preview");
    }

    [Fact]
    public async Task A_workbook_offers_each_sheet_and_the_chosen_one_is_bound_and_previewed_by_its_name()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var xlsx = Path.Combine(_folder, "Báo cáo hỗ trợ.xlsx");
        await File.WriteAllBytesAsync(xlsx, ImportPortal.TestData.XlsxSampleWriter.Workbook(
            ("Tổng hợp", [["Tháng", "Số phiếu"], ["3/2024", "1"]]),
            ("Phiếu 2024", [["Số phiếu", "Tiêu đề", "Email khách hàng", "Email nhân viên"], ["77", "Hỏi giá gói năm", "khach77@example.vn", "hotro@haravan.vn"]])));

        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "generic-xlsx");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await PortalSteps.AddSiteAsync(op, sim, "Trang bảng tính");
        await PortalSteps.UploadAsync(op, xlsx, "Generic table");

        await Expect(op.Page.GetByTestId("upload-map-generic")).ToHaveCountAsync(2);
        await op.Page.Locator("[data-testid=upload-map-generic][data-table='Phiếu 2024']").ClickAsync();
        await Expect(op.Page.GetByTestId("profile-title")).ToContainTextAsync("Báo cáo hỗ trợ.xlsx");
        await op.WaitForCircuitAsync();
        await Expect(op.Page.Locator(".mud-select").Filter(new() { HasText = "Upload for \"Phiếu 2024\"" }).First).ToContainTextAsync("Báo cáo hỗ trợ.xlsx");
        await ChooseSiteAsync(op, "Trang bảng tính");

        await op.Page.GetByTestId("preview-rows").FillAsync("2");
        await op.Page.GetByTestId("preview-run").ClickAsync();

        var ticket = op.Page.Locator("[data-testid=preview-row][data-row='2'] [data-testid=preview-entity][data-entity=Ticket]");
        await Expect(ticket).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(ticket.Locator("[data-testid=preview-insert]")).ToContainTextAsync("Hỏi giá gói năm");
        await Expect(ticket).ToContainTextAsync("hotro@haravan.vn");
        await op.ScreenshotAsync("generic-workbook");
    }

    // The tests of this class share a portal, so the profile page may offer several sites: the test's own is chosen.
    private static async Task ChooseSiteAsync(PortalPage op, string site)
    {
        var select = op.Page.Locator(".mud-select").Filter(new() { HasText = "Frappe site" }).First;
        await select.ClickAsync();
        await op.Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = site }).ClickAsync();
        await Expect(select).ToContainTextAsync(site);
    }
}
