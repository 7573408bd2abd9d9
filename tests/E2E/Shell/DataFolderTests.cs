using System.Net;
using System.Text.Json;
using ImportPortal.Tests.E2E.Infrastructure;

namespace ImportPortal.Tests.E2E.Shell;

public sealed class DataFolderTests(BrowserFixture browser)
{
    private static readonly Dictionary<string, string> Admin = new()
    {
        ["Portal__AdminEmail"] = "admin@haravan.example",
        ["Portal__AdminPassword"] = "Quản-trị-2026",
    };

    [Fact]
    public async Task Health_reports_database_and_jobs_and_a_deleted_data_folder_is_recreated_on_start()
    {
        var dataDir = Path.Combine(TempFolders.Create("importportal-data-"), "data");
        try
        {
            await using (var first = await PortalProcess.StartAsync(dataDir, Admin))
            {
                await AssertHealthyAsync(first);
            }

            Directory.Delete(dataDir, recursive: true);

            await using var second = await PortalProcess.StartAsync(dataDir, Admin);
            await AssertHealthyAsync(second);
            Assert.True(File.Exists(Path.Combine(dataDir, "portal.db")), "portal.db was not recreated");
            Assert.True(File.Exists(Path.Combine(dataDir, "hangfire.db")), "hangfire.db was not recreated");
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDir, "keys"), "*.xml"));

            await using var tab = await PortalPage.OpenAsync(browser.Browser, second.BaseUrl, "recreated");
            await tab.SignInAndWaitAsync("admin@haravan.example", "Quản-trị-2026");
            Assert.Equal("Move your support history into Frappe Helpdesk", await tab.HeadingAsync());
        }
        finally
        {
            TempFolders.DeleteQuietly(Path.GetDirectoryName(dataDir)!);
        }
    }

    /// <summary>Polls like a load balancer would: the job server announces itself a moment after the port opens.</summary>
    private static async Task AssertHealthyAsync(PortalProcess portal)
    {
        using var http = new HttpClient { BaseAddress = portal.BaseUrl };
        HttpResponseMessage response;
        string body;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            response = await http.GetAsync(new Uri("health", UriKind.Relative));
            body = await response.Content.ReadAsStringAsync();
            if (body.Contains("\"status\":\"Healthy\",\"checks\"", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                break;
            }

            response.Dispose();
            await Task.Delay(200);
        }
        while (true);

        using var _ = response;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/health answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
    }
}
