using System.Text;
using System.Text.RegularExpressions;
using FrappeSimulator.Hosting;
using ImportPortal.TestData;
using ImportPortal.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Runs;

/// <summary>
/// The whole operator flow in Chromium against the real portal process and the simulator: upload, preset, preview,
/// a dry run, then for real with batches, watch it finish, fix the ticket the site refused by editing its payload, and download what the
/// run offers.
/// </summary>
public sealed partial class RunFlowTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>, IDisposable
{
    private const string RefusedSubject = "Phiếu E2E bị từ chối";
    private const string FixedSubject = "Phiếu E2E đã sửa tiêu đề";
    private const string RefusalMessage = "Tiêu đề có từ bị cấm";
    private const string RefusedTicketId = "9001";
    private const int GeneratedTickets = 29;
    private readonly string _folder = TempFolders.Create("importportal-run-");

    public void Dispose() => TempFolders.DeleteQuietly(_folder);

    [Fact]
    public async Task A_ticket_export_runs_to_the_end_and_the_refused_ticket_is_fixed_from_the_error_list()
    {
        await using var sim = await SimulatorHost.StartAsync();
        PortalSteps.SeedTicketExportAgent(sim);
        sim.Faults.Rejections.Add("HD Ticket", doc => doc["subject"]?.ToString()?.Contains(RefusedSubject, StringComparison.Ordinal) == true, RefusalMessage);
        var csv = Path.Combine(_folder, "Tickets-run.csv");
        await File.WriteAllTextAsync(csv, TicketsWithOneRefused(), new UTF8Encoding(true));

        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "run-flow");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await PortalSteps.AddSiteAsync(op, sim, "Trang nhập thử");
        // As the preflight advises: the external-id fields, by which every record is found again on the site.
        await op.Page.GetByTestId("site-test").ClickAsync();
        var externalId = op.Page.Locator("[data-testid=preflight-line][data-check=external-id]");
        await Expect(externalId).ToHaveAttributeAsync("data-severity", "Amber", new() { Timeout = 30_000 });
        await op.Page.GetByTestId("site-create-fields").ClickAsync();
        await Expect(externalId).ToHaveAttributeAsync("data-severity", "Green", new() { Timeout = 30_000 });
        await PortalSteps.UploadAsync(op, csv, "Freshdesk tickets");

        // The preset, with the upload bound, and a preview of the first rows.
        await op.Page.GetByTestId("upload-map-preset").ClickAsync();
        await Expect(op.Page.GetByTestId("profile-title")).ToContainTextAsync("Tickets-run.csv");
        await op.WaitForCircuitAsync();
        var (profileId, uploadId) = ProfileAndUpload(op.Page.Url);
        await op.Page.GetByTestId("preview-rows").FillAsync("1, 2");
        await op.Page.GetByTestId("preview-run").ClickAsync();
        await Expect(op.Page.Locator("[data-testid=preview-row][data-row='2'] [data-testid=preview-entity][data-entity=Ticket]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await op.ScreenshotAsync("preview");

        // Start: the profile's "Start a run" opens the new-run form filled with the profile, the site and the upload.
        await op.Page.GetByTestId("profile-start-run").ClickAsync();
        await op.Page.WaitForURLAsync(url => url.Contains($"/runs/new?profile={profileId}", StringComparison.Ordinal) && url.Contains($"upload={uploadId}", StringComparison.Ordinal));
        await op.WaitForCircuitAsync();
        await Expect(op.Page.Locator(".mud-select").Filter(new() { HasText = "Upload for \"tickets\"" }).First).ToContainTextAsync("Tickets-run.csv");

        // The site's test, read for this run: its enabled assignment rules are the quiet run's to turn off and put back.
        var rules = op.Page.Locator("[data-testid=run-readiness-line][data-check=assignment-rules]");
        await Expect(rules).ToHaveAttributeAsync("data-handling", "HandledByQuiet");
        await Expect(op.Page.GetByTestId("run-readiness")).ToHaveAttributeAsync("data-blocks", "False");

        // A dry run first: it maps, checks and looks up, and writes nothing.
        await op.Page.GetByTestId("run-dry-run").CheckAsync();
        await Expect(rules).ToHaveAttributeAsync("data-handling", "NotForDryRun");
        await op.Page.GetByTestId("run-start").ClickAsync();
        await op.Page.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));
        var dryRun = op.Page.Url;
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("run-dry")).ToBeVisibleAsync();
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        Assert.Equal(0, sim.Store.Count("HD Ticket"));

        // Then for real, from the dry run's dashboard: the form comes back filled, the dry run switched off.
        await op.Page.GetByTestId("run-for-real").ClickAsync();
        await op.Page.WaitForURLAsync(url => url.Contains("/runs/new?from=", StringComparison.Ordinal));
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("run-from")).ToContainTextAsync("Filled from dry run #1");
        await Expect(op.Page.Locator(".mud-select").Filter(new() { HasText = "Upload for \"tickets\"" }).First).ToContainTextAsync("Tickets-run.csv");
        await Expect(op.Page.GetByTestId("run-dry-run")).Not.ToBeCheckedAsync();
        // Batches (a migration window): new tickets go ten to a request, and the refused one still fails on its own.
        await op.Page.GetByTestId("run-batches").CheckAsync();
        await op.ScreenshotAsync("new-run");
        await op.Page.GetByTestId("run-start").ClickAsync();
        await op.Page.WaitForURLAsync(url => Regex.IsMatch(url, "/runs/[0-9a-f-]{36}$") && url != dryRun);
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("run-batches")).ToHaveTextAsync("Batches");

        // Watch it reach the end: everything done, one ticket refused by the site.
        await Expect(op.Page.Locator("[data-testid=run-progress][data-fraction='1']")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "CompletedWithErrors", new() { Timeout = 30_000 });
        var ticketStage = op.Page.Locator("[data-testid=stage-row][data-stage=Tickets]");
        await Expect(ticketStage.Locator("[data-count=failed]")).ToHaveTextAsync("1");
        await Expect(ticketStage.Locator("[data-count=created]")).ToHaveTextAsync(GeneratedTickets.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var refused = op.Page.Locator("tr").Filter(new() { Has = op.Page.Locator("[data-testid=error-row][data-stage=Tickets]") });
        await Expect(refused).ToHaveCountAsync(1);
        await Expect(refused).ToContainTextAsync(RefusalMessage);
        await Expect(refused).ToContainTextAsync("417 ValidationError");

        // Why records failed: the refused ticket is one cause, what waits on it (its message, finalise, assignment) another.
        var causes = op.Page.GetByTestId("cause");
        await Expect(causes).ToHaveCountAsync(2);
        await Expect(causes.Nth(0)).ToHaveAttributeAsync("data-count", "3");
        await Expect(causes.Nth(1).GetByTestId("cause-text")).ToHaveTextAsync(RefusalMessage);
        await causes.Nth(1).GetByTestId("cause-show").ClickAsync();
        await Expect(op.Page.GetByTestId("error-table")).ToHaveAttributeAsync("data-total", "1");
        await op.ScreenshotAsync("completed-with-errors");
        await op.Page.Locator("[data-testid=errors-cause] .mud-chip-close-button").ClickAsync();
        await Expect(op.Page.GetByTestId("error-table")).ToHaveAttributeAsync("data-total", "4");

        // The team reads it in Vietnamese: the portal's own explanation of what waits on the ticket is Vietnamese,
        // and the site's words stay as the site sent them.
        await op.Page.GetByTestId("language-menu").ClickAsync();
        await op.Page.GetByTestId("language-vi").ClickAsync();
        await op.WaitForCircuitAsync();
        await Expect(causes.Nth(0).GetByTestId("cause-text")).ToHaveTextAsync($"bản ghi cần có trước bị lỗi: Phiếu … — {RefusalMessage}", new() { Timeout = 30_000 });
        await Expect(op.Page.Locator("tr").Filter(new() { Has = op.Page.Locator("[data-testid=error-row][data-stage=Conversations]") }))
            .ToContainTextAsync($"bản ghi cần có trước bị lỗi: Phiếu {RefusedTicketId} — {RefusalMessage}");
        await Expect(causes.Nth(0).GetByTestId("cause-value")).ToHaveTextAsync($"Phiếu {RefusedTicketId} ×3");
        await op.ScreenshotAsync("completed-with-errors-vi");
        await op.Page.GetByTestId("language-menu").ClickAsync();
        await op.Page.GetByTestId("language-en").ClickAsync();
        await op.WaitForCircuitAsync();
        await Expect(causes.Nth(0).GetByTestId("cause-text")).ToHaveTextAsync($"dependency failed: Ticket … — {RefusalMessage}", new() { Timeout = 30_000 });

        // The failed rows: the source's own columns, with the error beside them.
        // One file per source table with failures, named after the run and the table.
        var (failedName, failedRows) = await DownloadAsync(op, "download-failed");
        Assert.Matches(@"^run-\d+-failed-tickets\.csv$", failedName);
        var header = failedRows.Split("\r\n")[0];
        Assert.Contains("Import errors", header, StringComparison.Ordinal);
        Assert.Contains("Ticket ID", header, StringComparison.Ordinal);
        Assert.Contains("Subject", header, StringComparison.Ordinal);
        Assert.Contains(RefusedSubject, failedRows, StringComparison.Ordinal);
        Assert.Contains(RefusalMessage, failedRows, StringComparison.Ordinal);

        // Open it, correct the subject in its payload, and send it again.
        await refused.GetByTestId("record-edit").ClickAsync();
        var json = op.Page.GetByTestId("payload-json");
        await Expect(json).ToBeVisibleAsync();
        await Expect(op.Page.GetByTestId("detail-message")).ToContainTextAsync(RefusalMessage);
        var planned = await json.InputValueAsync();
        Assert.Contains(RefusedSubject, planned, StringComparison.Ordinal);
        await op.ScreenshotAsync("record-detail");
        await json.FillAsync(planned.Replace(RefusedSubject, FixedSubject, StringComparison.Ordinal));
        await op.Page.GetByTestId("payload-save").ClickAsync();

        // The retry succeeds: nothing failed any more, and the site holds the ticket with the corrected subject.
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        await Expect(ticketStage.Locator("[data-count=failed]")).ToHaveTextAsync("0");
        await Expect(ticketStage.Locator("[data-count=created]")).ToHaveTextAsync((GeneratedTickets + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(op.Page.GetByTestId("errors-none")).ToBeVisibleAsync();
        Assert.Single(sim.Store.Where("HD Ticket", t => t["subject"]?.ToString() == FixedSubject));
        Assert.Empty(sim.Store.FindDuplicates("HD Ticket", "custom_source_id"));
        Assert.True(sim.Store.Requests.Count("POST /api/method/frappe.client.insert_many") > 0, "the run was started with batches");
        Assert.True(sim.Store.Requests.Count("POST /api/resource/HD Ticket") < GeneratedTickets / 2, $"most tickets should have gone in batches: {sim.Store.Requests.Count("POST /api/resource/HD Ticket")} single posts, {sim.Store.Requests.Count("POST /api/method/frappe.client.insert_many")} batches");
        await op.ScreenshotAsync("completed");

        // The id map: every ticket's source id with its Frappe name.
        var (_, idMap) = await DownloadAsync(op, "download-idmap");
        var ticketLines = idMap.Split("\r\n").Where(l => l.StartsWith("Ticket,HD Ticket,", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("Entity,Doctype,Source id,Frappe name,Outcome", idMap.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(GeneratedTickets + 1, ticketLines.Count);
        Assert.Contains(ticketLines, l => l.StartsWith($"Ticket,HD Ticket,{RefusedTicketId},", StringComparison.Ordinal));
        Assert.All(Enumerable.Range(1, GeneratedTickets), i => Assert.Contains(ticketLines, l => l.StartsWith($"Ticket,HD Ticket,{i},", StringComparison.Ordinal)));

        // The runs list has it, finished.
        await op.GotoAsync("runs");
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("run-state-chip").First).ToHaveAttributeAsync("data-state", "Completed");
        await op.ScreenshotAsync("runs-list");

        // The dry run is deleted from the list once the operator confirms; the real run stays, and so do its documents.
        var dryRow = op.Page.Locator("tr").Filter(new() { Has = op.Page.GetByTestId("run-dry") });
        await Expect(dryRow).ToHaveCountAsync(1);
        await dryRow.GetByTestId("run-delete").ClickAsync();
        await Expect(op.Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("it wrote nothing to");
        await op.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(dryRow).ToHaveCountAsync(0);
        await Expect(op.Page.GetByTestId("run-link")).ToHaveCountAsync(1);
        Assert.Single(sim.Store.Where("HD Ticket", t => t["subject"]?.ToString() == FixedSubject));

        // The same again, set to send tomorrow night (Chromium's own date-time field, Vietnam's time): planned, then it
        // waits with the site untouched; resumed now, it finds everything there and creates nothing.
        var tickets = sim.Store.Count("HD Ticket");
        await op.Page.GetByTestId("run-link").ClickAsync();
        await op.WaitForCircuitAsync();
        await op.Page.GetByTestId("run-again").ClickAsync();
        await op.Page.WaitForURLAsync(url => url.Contains("/runs/new?from=", StringComparison.Ordinal));
        await op.WaitForCircuitAsync();
        await op.Page.GetByTestId("run-send-later").CheckAsync();
        var night = DateTime.UtcNow.AddHours(7).Date.AddDays(1).AddHours(23).AddMinutes(30);
        await op.Page.Locator("input[data-testid=run-send-from]").FillAsync(night.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await op.Page.GetByTestId("run-start").ClickAsync();
        await op.Page.WaitForURLAsync(url => Regex.IsMatch(url, "/runs/[0-9a-f-]{36}$"));
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("run-send-from")).ToContainTextAsync($"{night:yyyy-MM-dd HH:mm} (Asia/Ho_Chi_Minh)", new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Paused");
        await op.ScreenshotAsync("send-later");
        Assert.Equal(tickets, sim.Store.Count("HD Ticket"));
        await op.Page.GetByTestId("run-resume").ClickAsync();
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("run-send-from")).ToHaveCountAsync(0);
        Assert.Equal(tickets, sim.Store.Count("HD Ticket"));

        // Like it, but only in a window hours away: it waits for it, and the operator sends now only until a time.
        await op.Page.GetByTestId("run-again").ClickAsync();
        await op.Page.WaitForURLAsync(url => url.Contains("/runs/new?from=", StringComparison.Ordinal));
        await op.WaitForCircuitAsync();
        await op.Page.GetByTestId("run-send-later").SetCheckedAsync(false);
        await op.Page.GetByTestId("run-window").SetCheckedAsync(true);
        var vietnam = DateTime.UtcNow.AddHours(7);
        await op.Page.Locator("input[data-testid=run-window-from]").FillAsync(vietnam.AddHours(3).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await op.Page.Locator("input[data-testid=run-window-until]").FillAsync(vietnam.AddHours(4).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await op.Page.GetByTestId("run-start").ClickAsync();
        await op.Page.WaitForURLAsync(url => Regex.IsMatch(url, "/runs/[0-9a-f-]{36}$"));
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("run-send-until-offer")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Paused");
        // Chromium's own time field, on Vietnam's clock.
        await op.Page.Locator("input[data-testid=run-send-until]").FillAsync(vietnam.AddHours(1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await op.ScreenshotAsync("send-until");
        await op.Page.GetByTestId("run-resume-until").ClickAsync();
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("run-send-until-offer")).ToHaveCountAsync(0);
        Assert.Equal(tickets, sim.Store.Count("HD Ticket"));
    }

    private static async Task<(string Name, string Text)> DownloadAsync(PortalPage op, string testId)
    {
        var download = await op.Page.RunAndWaitForDownloadAsync(() => op.Page.GetByTestId(testId).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (download.SuggestedFilename, (await reader.ReadToEndAsync()).TrimStart('\uFEFF'));
    }

    private static (string Profile, string Upload) ProfileAndUpload(string url)
    {
        var match = ProfileUrl().Match(url);
        Assert.True(match.Success, url);
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    private static string TicketsWithOneRefused()
    {
        var text = Encoding.UTF8.GetString(FreshdeskSampleWriter.TicketCsv(GeneratedTickets)).TrimStart('\uFEFF');
        string[] cells =
        [
            RefusedTicketId, RefusedSubject, "Mô tả phiếu bị từ chối", "Open", "High", "Email", "Question", "Công ty Từ Chối", "Trần Thị Từ Chối",
            "tu.choi@example.vn", "0907654321", "Lê Thị Hỗ Trợ", "Billing", "2024-03-01 09:00:00", "2024-03-03 09:00:00", "", "",
            "2024-03-01 10:00:00", "",
        ];
        return text + string.Join(",", cells.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\r\n";
    }

    [GeneratedRegex("/mappings/([0-9a-f-]{36})\\?.*upload=([0-9a-f-]{36})")]
    private static partial Regex ProfileUrl();
}
