using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FrappeSimulator.Hosting;
using ImportPortal.TestData;
using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Runs;

/// <summary>
/// The portal process is killed (SIGKILL, no shutdown) in the middle of a run and started again on the same data
/// folder: the run carries on by itself and finishes with every ticket on the site exactly once.
/// </summary>
public sealed class CrashResumeTests(BrowserFixture browser) : IDisposable
{
    private const int Tickets = 300;
    private readonly string _dataDir = TempFolders.Create("importportal-crash-");
    private readonly string _folder = TempFolders.Create("importportal-crash-files-");

    public void Dispose()
    {
        TempFolders.DeleteQuietly(_dataDir);
        TempFolders.DeleteQuietly(_folder);
    }

    [Fact]
    public async Task A_run_killed_mid_way_finishes_after_a_restart_with_no_duplicate_and_nothing_lost()
    {
        await using var sim = await SimulatorHost.StartAsync();
        PortalSteps.SeedTicketExportAgent(sim);
        await PortalSteps.CreateExternalIdFieldsAsync(sim);

        // Slow enough that the kill lands mid-run.
        sim.Faults.Latency = new FrappeSimulator.Faults.LatencyProfile(20);
        sim.Faults.Capacity = 4;
        var csv = Path.Combine(_folder, "Tickets-crash.csv");
        await File.WriteAllBytesAsync(csv, FreshdeskSampleWriter.TicketCsv(Tickets));

        var first = await StartPortalAsync();
        string runPath;
        await using (var op = await PortalPage.OpenAsync(browser.Browser, first.BaseUrl, "crash-before"))
        {
            await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
            await PortalSteps.AddSiteAsync(op, sim, "Trang sập giữa chừng");
            await PortalSteps.UploadAsync(op, csv, "Freshdesk tickets");
            await op.Page.GetByTestId("upload-map-preset").ClickAsync();
            await Expect(op.Page.GetByTestId("profile-title")).ToContainTextAsync("Tickets-crash.csv");
            await op.WaitForCircuitAsync();

            // "Start a run" carries the site and the bound upload once the page has them.
            await Expect(op.Page.GetByTestId("profile-start-run")).ToHaveAttributeAsync("href", new Regex("site=.*upload=|upload=.*site="), new() { Timeout = 30_000 });
            await op.Page.GetByTestId("profile-start-run").ClickAsync();
            await op.Page.WaitForURLAsync(url => url.Contains("/runs/new?", StringComparison.Ordinal));
            await op.WaitForCircuitAsync();

            // The form fills itself from the query (site, profile, the upload for "tickets"); start once it has.
            await Expect(op.Page.Locator(".mud-select").Filter(new() { HasText = "Upload for \"tickets\"" }).First).ToContainTextAsync("Tickets-crash.csv", new() { Timeout = 30_000 });
            await Expect(op.Page.GetByTestId("run-start")).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await op.Page.GetByTestId("run-start").ClickAsync();
            await op.Page.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));
            runPath = new Uri(op.Page.Url).AbsolutePath.TrimStart('/');
            await op.WaitForCircuitAsync();

            // Some tickets are on the site, not all: kill it now.
            await WaitUntilAsync(() => sim.Store.Count("HD Ticket") >= Tickets / 5, TimeSpan.FromSeconds(60), "no ticket reached the site before the kill");
            // The tab says how far the run is, for an operator watching from another tab.
            await Expect(op.Page).ToHaveTitleAsync(new Regex(@"^\d{1,3}% · Run #\d+ · "));
            await op.ScreenshotAsync("before-kill");

            first.Kill();
            var ticketsAtKill = sim.Store.Count("HD Ticket");
            Assert.True(ticketsAtKill < Tickets, $"the run had already finished ({ticketsAtKill} tickets) before the kill");

            // The open page says it lost the portal, and that the run goes on on the server.
            await Expect(op.Page.GetByTestId("connection-notice")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var shown = op.Page.Locator("[data-testid=connection-notice] p:visible");
            await Expect(shown).ToHaveCountAsync(1);
            await Expect(shown).ToContainTextAsync(new Regex("(lost its connection to the portal|Still reconnecting to the portal).* Runs go on on the server"));
            await op.ScreenshotAsync("connection-lost");
        }

        await first.DisposeAsync();

        await using var second = await StartPortalAsync();
        await using var after = await PortalPage.OpenAsync(browser.Browser, second.BaseUrl, "crash-after");
        await after.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await after.GotoAsync(runPath);
        await after.WaitForCircuitAsync();
        await Expect(after.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 120_000 });
        await Expect(after.Page).ToHaveTitleAsync(new Regex(@"^Run #\d+ · "));
        await after.ScreenshotAsync("resumed-completed");

        Assert.Equal(Tickets, sim.Store.Count("HD Ticket"));
        Assert.Empty(sim.Store.FindDuplicates("HD Ticket", "custom_source_id"));
        Assert.Empty(sim.Store.FindDuplicates("Communication", "custom_source_id"));
        Assert.Empty(sim.Store.FindDuplicates("Contact", "email_id"));
        Assert.Empty(sim.Store.FindDuplicates("HD Customer", "customer_name"));
        var stage = after.Page.Locator("[data-testid=stage-row][data-stage=Tickets]");
        await Expect(stage.Locator("[data-count=created]")).ToHaveTextAsync(Tickets.ToString(CultureInfo.InvariantCulture));
        await Expect(stage.Locator("[data-count=failed]")).ToHaveTextAsync("0");
    }

    private Task<PortalProcess> StartPortalAsync() =>
        PortalProcess.StartAsync(_dataDir, new Dictionary<string, string>
        {
            ["Portal__AdminEmail"] = PortalFixture.AdminEmail,
            ["Portal__AdminPassword"] = PortalFixture.AdminPassword,
            // A dead process's lease lapses quickly, so the restarted portal takes the run over within seconds.
            ["Portal__Runs__LeaseDuration"] = "00:00:03",
        });

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
