using Bunit;
using ImportPortal.Components.Pages.Home;
using ImportPortal.Mappings;
using ImportPortal.Runs;
using ImportPortal.Sites;
using ImportPortal.Tests.Unit.Components.Runs;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Components;

/// <summary>The home page says where the migration stands at each step, and which step comes next.</summary>
public sealed class HomePageTests : PortalComponentTest, IAsyncLifetime
{
    private PortalServices _portal = null!;

    public async ValueTask InitializeAsync()
    {
        // An empty portal: no site, no upload, no profile, no run.
        _portal = await PortalServices.StartImportMachineryAsync();
        Services.AddSingleton(_portal.Get<SiteCatalog>());
        Services.AddSingleton(_portal.Get<UploadStore>());
        Services.AddSingleton(_portal.Get<MappingProfileStore>());
        Services.AddSingleton(_portal.Get<RunQueries>());
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _portal.DisposeAsync();
    }

    [Theory]
    [InlineData("en", "Nothing yet.", "Start here")]
    [InlineData("vi", "Chưa có gì.", "Bắt đầu từ đây")]
    public void On_an_empty_portal_every_step_is_empty_and_the_site_comes_first(string culture, string nothing, string start)
    {
        UseCulture(culture);

        var page = Render<HomePage>();

        Assert.All(page.FindAll("[data-testid=home-status]"), s => Assert.Equal(nothing, s.TextContent.Trim()));
        Assert.Equal(4, page.FindAll("[data-testid=home-status]").Count);
        Assert.Equal("Sites", Assert.Single(page.FindAll("[data-testid=home-step][data-next=true]")).GetAttribute("data-step"));
        var next = Assert.Single(page.FindAll("[data-testid=home-next]"));
        Assert.Equal("sites", next.GetAttribute("href"));
        Assert.Equal(start, next.TextContent.Trim());
    }
}

/// <summary>The home page over a portal that has a site, then an upload, a profile and a run.</summary>
public sealed class HomePageWithRunTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "1 site(s) connected. 1 not tested yet: open it and test the connection before a run.", "1 file(s) uploaded.", "1 mapping profile(s).", "Latest: run #1 on Hỗ trợ Haravan, Completed with errors.", "Open run #1")]
    [InlineData("vi", "Đã kết nối 1 trang Frappe. 1 trang chưa được kiểm tra: hãy mở và kiểm tra kết nối trước khi nhập.", "Đã tải lên 1 tệp.", "1 hồ sơ ánh xạ.", "Gần nhất: lượt nhập #1 vào Hỗ trợ Haravan, Hoàn thành, có lỗi.", "Mở lượt nhập #1")]
    public async Task Each_step_says_what_is_there_and_the_latest_run_how_it_ended(string culture, string sites, string uploads, string profiles, string run, string open)
    {
        UseCulture(culture);
        // A site and nothing else: uploading comes next.
        var first = Render<HomePage>();
        Assert.Equal("Uploads", Assert.Single(first.FindAll("[data-testid=home-step][data-next=true]")).GetAttribute("data-step"));
        Assert.Equal("uploads", first.Find("[data-testid=home-next]").GetAttribute("href"));

        var runId = await RunWithOneRefusedTicketAsync();

        var page = Render<HomePage>();
        Assert.Equal([sites, uploads, profiles, run], page.FindAll("[data-testid=home-status]").Select(s => s.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=home-next]"));
        var openRun = page.Find("[data-testid=home-open-run]");
        Assert.Equal($"runs/{runId}", openRun.GetAttribute("href"));
        Assert.Equal(open, openRun.TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=home-run-progress]"));
    }

    [Theory]
    [InlineData("en", "1 site(s) connected. 1 with red lines in its last test: open it to see what they stop.", "1 site(s) connected.")]
    [InlineData("vi", "Đã kết nối 1 trang Frappe. 1 trang có dòng đỏ trong lần kiểm tra gần nhất: hãy mở để xem chúng chặn gì.", "Đã kết nối 1 trang Frappe.")]
    public async Task A_site_whose_last_test_has_red_lines_is_pointed_at_until_a_test_is_green(string culture, string red, string green)
    {
        UseCulture(culture);
        var preflight = H.Services.GetRequiredService<SitePreflight>();
        await H.SetAcknowledgementMailsAsync(on: true);
        await preflight.RunAsync(H.SiteId, CancellationToken.None);

        Assert.Equal(red, Render<HomePage>().FindAll("[data-testid=home-status]")[0].TextContent.Trim());

        await H.SetAcknowledgementMailsAsync(on: false);
        await preflight.RunAsync(H.SiteId, CancellationToken.None);

        // Amber lines (the external-id fields' creation aside, assignment rules) are the site page's to show.
        Assert.Equal(green, Render<HomePage>().FindAll("[data-testid=home-status]")[0].TextContent.Trim());
    }

    [Fact]
    public async Task A_run_that_is_working_shows_how_far_it_is()
    {
        UseCulture("en");
        var runId = await RunWithOneRefusedTicketAsync();
        // As the database holds a run its job is working on: half of its tickets still to send.
        var (done, total) = await H.InDatabaseAsync(async db =>
        {
            (await db.ImportRuns.SingleAsync(r => r.Id == runId)).State = RunState.Running;
            var tickets = await db.ImportRecords.Where(r => r.RunId == runId && r.Stage == Domain.Migration.RunStage.Tickets).OrderBy(r => r.Id).ToListAsync();
            foreach (var record in tickets.Take(tickets.Count / 2))
            {
                record.State = Domain.Migration.RecordState.Pending;
            }

            await db.SaveChangesAsync();
            var all = await db.ImportRecords.Where(r => r.RunId == runId).ToListAsync();
            return (all.Count(r => r.State != Domain.Migration.RecordState.Pending), all.Count);
        });
        Assert.InRange(done, 1, total - 1);

        var page = Render<HomePage>();

        var percent = Math.Floor(done * 100.0 / total);
        Assert.Equal($"Run #1 on Hỗ trợ Haravan: Running, {percent}% done.", page.FindAll("[data-testid=home-status]")[3].TextContent.Trim());
        Assert.NotEmpty(page.FindAll("[data-testid=home-run-progress]"));
    }
}
