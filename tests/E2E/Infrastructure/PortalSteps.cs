using System.Net.Http.Json;
using FrappeSimulator.Hosting;
using ImportPortal.Domain.Preflight;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Infrastructure;

/// <summary>Steps several flows start with: connect the simulator as a site, upload a file and open it.</summary>
public static class PortalSteps
{
    public static async Task AddSiteAsync(PortalPage op, SimulatorHandle sim, string name)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(sim);
        await op.GotoAsync("sites");
        await op.WaitForCircuitAsync();
        await op.Page.GetByTestId("sites-add").ClickAsync();
        await op.Page.GetByTestId("site-name").FillAsync(name);
        await op.Page.GetByTestId("site-url").FillAsync(sim.BaseUrl.ToString());
        await op.Page.GetByTestId("site-key").FillAsync(sim.ApiKey);
        await op.Page.GetByTestId("site-secret").FillAsync(sim.ApiSecret);
        await op.Page.GetByTestId("site-save").ClickAsync();
        await Expect(op.Page.GetByTestId("site-title")).ToHaveTextAsync(name);
    }

    /// <summary>The site's external-id fields, made the way the preflight's button makes them, but through the API.</summary>
    /// <summary>
    /// The sample ticket export's agent on the site (User and HD Agent with the name the export gives), as a team that
    /// has set up its new Helpdesk has them: the run assigns each ticket to them and makes them the team's member.
    /// </summary>
    public static void SeedTicketExportAgent(SimulatorHandle sim)
    {
        ArgumentNullException.ThrowIfNull(sim);
        var (_, name, email) = TestData.FreshdeskSampleWriter.Agents[0];
        sim.SeedAgent(email, name);
    }

    public static async Task CreateExternalIdFieldsAsync(SimulatorHandle sim)
    {
        ArgumentNullException.ThrowIfNull(sim);
        using var client = sim.CreateClient();
        foreach (var doctype in ExternalIdFields.DocTypes)
        {
            using var created = await client.PostAsJsonAsync("api/resource/Custom%20Field", ExternalIdFields.CustomFieldFor(doctype));
            created.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Uploads one file, waits for it to be recognised as <paramref name="kind"/>, and leaves its detail page open.</summary>
    public static async Task UploadAsync(PortalPage op, string file, string kind)
    {
        ArgumentNullException.ThrowIfNull(op);
        await op.GotoAsync("uploads");
        await Expect(op.Page.Locator("[data-testid=upload-zone][data-ready=true]")).ToBeVisibleAsync();
        await op.Page.GetByTestId("upload-input").SetInputFilesAsync(file);
        await Expect(op.Page.Locator("[data-testid=upload-transfer][data-state=done]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await op.Page.GetByTestId("upload-open").ClickAsync();
        // The list shows every upload's kind too: the detail page is open once it names this file.
        await Expect(op.Page.GetByTestId("upload-title")).ToHaveTextAsync(Path.GetFileName(file));
        await Expect(op.Page.GetByTestId("upload-kind")).ToHaveTextAsync(kind, new() { Timeout = 30_000 });
    }
}
