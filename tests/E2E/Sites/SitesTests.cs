using System.Text;
using FrappeSimulator.Hosting;
using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Sites;

/// <summary>An Admin connects a Frappe site (the simulator on loopback), tests it and reads the preflight report.</summary>
public sealed class SitesTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task An_Admin_adds_a_site_tests_it_and_sees_the_report_while_the_secret_stays_on_the_server()
    {
        await using var sim = await SimulatorHost.StartAsync();
        using (var http = sim.CreateClient())
        {
            using var ack = new StringContent("""{"send_acknowledgement_email": 1}""", Encoding.UTF8, "application/json");
            (await http.PutAsync(new Uri("api/resource/HD Settings/HD Settings", UriKind.Relative), ack)).EnsureSuccessStatusCode();
        }

        await using var admin = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "sites");
        await admin.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await admin.GotoAsync("sites");
        await admin.WaitForCircuitAsync();

        await admin.Page.GetByTestId("sites-add").ClickAsync();
        await admin.Page.GetByTestId("site-name").FillAsync("Hỗ trợ Haravan");
        await admin.Page.GetByTestId("site-url").FillAsync(sim.BaseUrl.ToString());
        await admin.Page.GetByTestId("site-key").FillAsync(sim.ApiKey);
        await admin.Page.GetByTestId("site-secret").FillAsync(sim.ApiSecret);
        await admin.ScreenshotAsync("form");
        await admin.Page.GetByTestId("site-save").ClickAsync();

        await Expect(admin.Page.GetByTestId("site-title")).ToHaveTextAsync("Hỗ trợ Haravan");
        await Expect(admin.Page.GetByTestId("site-secret-value")).ToContainTextAsync("••••");
        await admin.Page.GetByTestId("site-test").ClickAsync();
        var ackLine = admin.Page.Locator("[data-testid=preflight-line][data-check=ack-email]");
        await Expect(ackLine).ToHaveAttributeAsync("data-severity", "Red");
        await Expect(ackLine.GetByTestId("preflight-advice")).ToBeVisibleAsync();
        await Expect(admin.Page.Locator("[data-testid=preflight-line][data-check=user]")).ToHaveAttributeAsync("data-severity", "Green");
        await admin.ScreenshotAsync("report");

        Assert.DoesNotContain(sim.ApiSecret, await admin.Page.ContentAsync(), StringComparison.Ordinal);
        var reload = await admin.Page.ReloadAsync();
        await admin.WaitForCircuitAsync();
        Assert.DoesNotContain(sim.ApiSecret, await reload!.TextAsync(), StringComparison.Ordinal);
        await Expect(ackLine).ToHaveAttributeAsync("data-severity", "Red");

        await admin.Page.GetByTestId("site-create-fields").ClickAsync();
        await Expect(admin.Page.Locator("[data-testid=preflight-line][data-check=external-id]")).ToHaveAttributeAsync("data-severity", "Green");
        Assert.Equal(ImportPortal.Domain.Preflight.ExternalIdFields.DocTypes.Count, sim.Store.Count("Custom Field"));

        await admin.GotoAsync("sites");
        await Expect(admin.Page.GetByTestId("sites-table")).ToContainTextAsync("Hỗ trợ Haravan");
        Assert.DoesNotContain(sim.ApiSecret, await admin.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(sim.ApiSecret, portal.Portal.Log, StringComparison.Ordinal);
    }
}
