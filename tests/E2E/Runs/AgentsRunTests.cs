using System.Globalization;
using FrappeSimulator.Hosting;
using ImportPortal.TestData;
using ImportPortal.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ImportPortal.Tests.E2E.Runs;

/// <summary>
/// A Freshdesk account export in Chromium: the preset's preview shows an agent becoming a user with no welcome e-mail
/// and a ticket's agent as its assignee, and the run creates the agents first, then the messages that name them,
/// assigns each ticket to its agent, and last brings the files of the tickets from where the export links them. A ticket
/// deleted on the site is found gone by the check and created again. Then the operator takes the trial import back off
/// the site, and nothing of it stays.
/// </summary>
public sealed class AgentsRunTests(BrowserFixture browser, PortalFixture portal) : IClassFixture<PortalFixture>, IDisposable
{
    private const int Tickets = 12;
    private readonly string _folder = TempFolders.Create("importportal-agents-");

    public void Dispose() => TempFolders.DeleteQuietly(_folder);

    [Fact]
    public async Task An_account_export_brings_its_agents_first_and_their_notes_name_them()
    {
        await using var sim = await SimulatorHost.StartAsync();
        await PortalSteps.CreateExternalIdFieldsAsync(sim);

        // Every third ticket's description came with a file, kept on a file store the export links to.
        await using var files = await AttachmentOrigin.StartAsync();
        (long Id, string Name, string Link) FileOf(int i) => (800_000 + i, $"hoá đơn {i + 1}.pdf", files.LinkOf(800_000 + i, $"hoá đơn {i + 1}.pdf"));
        var zip = Path.Combine(_folder, "freshdesk-agents.zip");
        await File.WriteAllBytesAsync(zip, FreshdeskSampleWriter.AccountExportZip(Tickets, fileOf: i => i % 3 == 0 ? FileOf(i) : null));
        await using var op = await PortalPage.OpenAsync(browser.Browser, portal.Portal.BaseUrl, "agents-run");
        await op.SignInAndWaitAsync(PortalFixture.AdminEmail, PortalFixture.AdminPassword);
        await PortalSteps.AddSiteAsync(op, sim, "Trang có nhân viên");
        await PortalSteps.UploadAsync(op, zip, "Freshdesk account export");

        // The preset, and a preview of the users file's first agent (the agents follow the customers).
        await op.Page.GetByTestId("upload-map-preset").ClickAsync();
        await Expect(op.Page.GetByTestId("profile-title")).ToContainTextAsync("freshdesk-agents.zip");
        await op.WaitForCircuitAsync();
        var agentRow = (Tickets + 1).ToString(CultureInfo.InvariantCulture);
        await op.Page.GetByTestId("preview-rows").FillAsync(agentRow);
        await op.Page.GetByTestId("preview-run").ClickAsync();
        var user = op.Page.Locator($"[data-testid=preview-row][data-row='{agentRow}'] [data-testid=preview-entity][data-entity=User]");
        await Expect(user).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(user.GetByTestId("preview-insert")).ToContainTextAsync("\"send_welcome_email\": 0");
        await Expect(user.GetByTestId("preview-insert")).ToContainTextAsync(FreshdeskSampleWriter.Agents[0].Email);
        await Expect(op.Page.Locator($"[data-testid=preview-row][data-row='{agentRow}'] [data-testid=preview-entity][data-entity=Agent]")).ToHaveCountAsync(1);
        await op.ScreenshotAsync("preview-agent");

        // The first ticket, answered by the first agent: its assignment comes after its finalise PUTs.
        await op.Page.GetByTestId("preview-rows").FillAsync("1");
        await op.Page.GetByTestId("preview-run").ClickAsync();
        var ticket = op.Page.Locator("[data-testid=preview-row][data-row='1'] [data-testid=preview-entity][data-entity=Ticket]");
        await Expect(ticket.GetByTestId("preview-assign")).ToContainTextAsync($"\"assign_to\": \"{FreshdeskSampleWriter.Agents[0].Email}\"", new() { Timeout = 30_000 });

        // The run: its form offers the agents' stages, and they come first on the dashboard.
        await op.Page.GetByTestId("profile-start-run").ClickAsync();
        await op.Page.WaitForURLAsync(url => url.Contains("/runs/new", StringComparison.Ordinal));
        await op.WaitForCircuitAsync();
        await Expect(op.Page.Locator("[data-testid=run-stage][data-stage=Users]")).ToHaveCountAsync(1);
        await Expect(op.Page.Locator("[data-testid=run-stage][data-stage=Assignments]")).ToHaveCountAsync(1);
        await Expect(op.Page.Locator("[data-testid=run-stage][data-stage=Attachments]")).ToHaveCountAsync(1);
        await op.Page.GetByTestId("run-start").ClickAsync();
        await op.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/runs/[0-9a-f-]{36}$"));
        await op.WaitForCircuitAsync();
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        var agents = FreshdeskSampleWriter.Agents.Count.ToString(CultureInfo.InvariantCulture);
        await Expect(op.Page.Locator("[data-testid=stage-row][data-stage=Users] [data-count=created]")).ToHaveTextAsync(agents);
        await Expect(op.Page.Locator("[data-testid=stage-row][data-stage=Agents] [data-count=created]")).ToHaveTextAsync(agents);
        await Expect(op.Page.Locator("[data-testid=stage-row]").First).ToHaveAttributeAsync("data-stage", "Users");
        await Expect(op.Page.Locator("[data-testid=stage-row]").Last).ToHaveAttributeAsync("data-stage", "Attachments");
        var withFiles = Enumerable.Range(0, Tickets).Where(i => i % 3 == 0).Select(FileOf).ToList();
        await Expect(op.Page.Locator("[data-testid=stage-row][data-stage=Attachments] [data-count=created]")).ToHaveTextAsync(withFiles.Count.ToString(CultureInfo.InvariantCulture));
        // Every other ticket of the sample has an agent.
        var assigned = (Tickets / 2).ToString(CultureInfo.InvariantCulture);
        await Expect(op.Page.Locator("[data-testid=stage-row][data-stage=Assignments] [data-count=updated]")).ToHaveTextAsync(assigned);
        await op.ScreenshotAsync("completed");

        // On the site: each agent a user with no welcome mail and an HD Agent; every private note names its agent.
        Assert.All(FreshdeskSampleWriter.Agents, a =>
        {
            Assert.NotNull(sim.Store.Get("User", a.Email));
            Assert.Equal(a.Name, sim.Store.Get("HD Agent", a.Email)?["agent_name"]?.ToString());
        });
        Assert.DoesNotContain(sim.Store.List("Email Queue"), m => m["reference_doctype"]?.ToString() == "User");
        var notes = sim.Store.List("HD Ticket Comment");
        Assert.Equal(Tickets, notes.Count);
        Assert.All(notes, n => Assert.Contains(FreshdeskSampleWriter.Agents, a => a.Email == n["commented_by"]?.ToString()));
        // Each of those tickets is the agent's own assignment: nobody was notified.
        var assignments = sim.Store.List("ToDo");
        Assert.Equal(Tickets / 2, assignments.Count);
        Assert.All(assignments, t => Assert.Equal((FreshdeskSampleWriter.Agents[0].Email, FreshdeskSampleWriter.Agents[0].Email), (t["allocated_to"]?.ToString(), t["assigned_by"]?.ToString())));
        Assert.Empty(sim.Store.List("Notification Log"));
        // Each file on its ticket's first message, private, with its name and bytes.
        var uploaded = sim.Store.List("File").Where(f => f["attached_to_doctype"]?.ToString() == "Communication").ToList();
        Assert.Equal(withFiles.Select(f => f.Name).Order(), uploaded.Select(f => f["file_name"]?.ToString()).Order());
        Assert.All(withFiles, f => Assert.Equal(AttachmentOrigin.ContentOf(f.Id), sim.FileContent(uploaded.Single(u => u["file_name"]?.ToString() == f.Name)["file_url"]!.ToString())));

        // Someone deletes a ticket on the site with its conversation: the check finds it gone, and it is created again.
        var lostTicket = sim.Store.List("HD Ticket").OrderBy(t => t["name"]!.ToString(), StringComparer.Ordinal).First()["name"]!.ToString();
        // Which source ticket gets the first name depends on the order the run's sends landed: what goes with it is counted.
        var lostMessages = sim.Store.List("Communication").Where(c => c["reference_name"]?.ToString() == lostTicket).Select(c => c["name"]!.ToString()).ToHashSet();
        var lostDocuments = 1 + lostMessages.Count
            + sim.Store.List("HD Ticket Comment").Count(c => c["reference_ticket"]?.ToString() == lostTicket)
            + sim.Store.List("File").Count(f => f["attached_to_doctype"]?.ToString() switch
            {
                "Communication" => lostMessages.Contains(f["attached_to_name"]?.ToString() ?? ""),
                "HD Ticket" => f["attached_to_name"]?.ToString() == lostTicket,
                _ => false,
            });
        using (var person = sim.CreateClient())
        {
            foreach (var (doctype, field) in new[] { ("HD Ticket Comment", "reference_ticket"), ("Communication", "reference_name") })
            {
                foreach (var doc in sim.Store.List(doctype).Where(d => d[field]?.ToString() == lostTicket).ToList())
                {
                    (await person.DeleteAsync($"api/resource/{Uri.EscapeDataString(doctype)}/{Uri.EscapeDataString(doc["name"]!.ToString())}")).EnsureSuccessStatusCode();
                }
            }

            (await person.DeleteAsync($"api/resource/HD%20Ticket/{lostTicket}")).EnsureSuccessStatusCode();
        }

        await op.Page.GetByTestId("check-open").ClickAsync();
        await Expect(op.Page.GetByTestId("check-panel")).ToHaveAttributeAsync("data-state", "missing", new() { Timeout = 60_000 });
        await Expect(op.Page.Locator($"[data-testid=check-line][data-name='{lostTicket}']")).ToHaveCountAsync(1);
        await Expect(op.Page.Locator("[data-testid=check-doctype][data-doctype='HD Ticket']")).ToHaveAttributeAsync("data-count", "1");
        await op.ScreenshotAsync("check-missing");
        var download = await op.Page.RunAndWaitForDownloadAsync(() => op.Page.GetByTestId("check-download").ClickAsync());
        await using (var stream = await download.CreateReadStreamAsync())
        {
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            var lines = (await reader.ReadToEndAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("run-1-missing-on-site.csv", download.SuggestedFilename);
            Assert.StartsWith("Doctype,Frappe name,Entity,Source id", lines[0], StringComparison.Ordinal);
            Assert.Equal(lostDocuments, lines.Length - 1);
            Assert.Contains(lines, l => l.StartsWith($"HD Ticket,{lostTicket},Ticket,", StringComparison.Ordinal));
        }

        await op.Page.GetByTestId("check-recreate").ClickAsync();
        await op.Page.Locator(".mud-message-box button").Last.ClickAsync();
        await Expect(op.Page.GetByTestId("check-recreating")).ToHaveCountAsync(1);
        await Expect(op.Page.Locator("[data-testid=stage-row][data-stage=Tickets] [data-count=created]")).ToHaveTextAsync(Tickets.ToString(CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("run-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 60_000 });
        Assert.Equal(Tickets, sim.Store.Count("HD Ticket"));
        Assert.Equal(Tickets, sim.Store.List("HD Ticket Comment").Count);
        await op.Page.GetByTestId("check-again").ClickAsync();
        await Expect(op.Page.GetByTestId("check-panel")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("check-all-there")).ToContainTextAsync("Trang có nhân viên");
        await op.ScreenshotAsync("check-all-there");

        // A trial import: taken back off the site, files, notes and agents included, once the site's name is typed in.
        await op.Page.GetByTestId("removal-open").ClickAsync();
        await Expect(op.Page.Locator("[data-testid=removal-doctype][data-doctype='HD Ticket'] td").Last).ToHaveTextAsync(Tickets.ToString(CultureInfo.InvariantCulture));
        await Expect(op.Page.GetByTestId("removal-start")).ToBeDisabledAsync();
        await op.Page.Locator("input[data-testid=removal-confirm-site], [data-testid=removal-confirm-site] input").FillAsync("Trang có nhân viên");
        await Expect(op.Page.GetByTestId("removal-start")).ToBeEnabledAsync();
        await op.ScreenshotAsync("removal-dialog");
        await op.Page.GetByTestId("removal-start").ClickAsync();
        await Expect(op.Page.GetByTestId("removal-panel")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
        await Expect(op.Page.GetByTestId("removal-done")).ToContainTextAsync("Trang có nhân viên");
        await op.ScreenshotAsync("removed");
        Assert.Equal(0, sim.Store.Count("HD Ticket"));
        Assert.Empty(sim.Store.List("HD Ticket Comment"));
        Assert.Empty(sim.Store.List("ToDo"));
        Assert.DoesNotContain(sim.Store.List("File"), f => f["attached_to_doctype"]?.ToString() == "Communication");
        Assert.All(FreshdeskSampleWriter.Agents, a => Assert.Null(sim.Store.Get("User", a.Email)));
        var total = await op.Page.GetByTestId("removal-progress").GetAttributeAsync("data-total");
        Assert.Equal(total, await op.Page.GetByTestId("removal-removed").GetAttributeAsync("data-count"));
        Assert.True(int.Parse(total!, CultureInfo.InvariantCulture) > Tickets * 3, $"the run's tickets, messages, contacts and agents should all be counted: {total}");
    }
}
