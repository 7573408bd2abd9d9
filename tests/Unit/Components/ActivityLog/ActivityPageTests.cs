using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using ImportPortal.Components.Pages.ActivityLog;
using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using ImportPortal.Security;
using ImportPortal.Tests.Unit.Components.Runs;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ImportPortal.Tests.Unit.Components.ActivityLog;

/// <summary>
/// An Admin reads who did what in the portal — a site added, a file uploaded, a run started, its records skipped —
/// newest first, in their language, and finds an event by who, by the run, or by the words of what was done.
/// </summary>
public sealed partial class ActivityPageTests : RunPagesTest
{
    [Theory]
    [InlineData("en", "Run started", "Records skipped", "Run #", "run started", "site Hỗ trợ Haravan, profile Freshdesk phiếu · site kept quiet", "1 record(s)")]
    [InlineData("vi", "Bắt đầu lượt nhập", "Bỏ qua bản ghi", "Lượt nhập #", "bat dau luot", "trang Hỗ trợ Haravan, hồ sơ Freshdesk phiếu · giữ trang im lặng", "1 bản ghi")]
    public async Task The_portals_actions_are_listed_newest_first_in_the_readers_words_and_found_by_them(
        string culture, string started, string skipped, string run, string words, string startedDetail, string skippedDetail)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var failed = (await H.RecordsAsync(runId)).Single(r => r.State == RecordState.Failed && r.Stage == RunStage.Tickets);
        Assert.True((await H.Runs.SkipAsync("lan.nguyen@haravan.vn", runId, [failed.Id], CancellationToken.None)).Succeeded);
        var number = await H.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == runId).Select(r => r.Number).SingleAsync());
        Render<MudPopoverProvider>();

        var page = Render<ActivityPage>();

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(Rows(page)), Wait);
        var rows = Rows(page);
        // The skip came last: it is the first line, by who did it, on the run it names, linked to its dashboard.
        var newest = rows[0];
        Assert.Equal("record.skipped", Action(newest).GetAttribute("data-action"));
        Assert.Equal(skipped, Action(newest).TextContent.Trim());
        Assert.Equal(skippedDetail, Detail(newest));
        Assert.Contains("lan.nguyen@haravan.vn", newest.TextContent, StringComparison.Ordinal);
        var link = newest.QuerySelector("[data-testid=activity-run]")!;
        Assert.Equal($"{run}{number}", link.TextContent.Trim());
        Assert.Equal($"runs/{runId}", link.GetAttribute("href"));
        var start = Assert.Single(rows, r => Action(r).GetAttribute("data-action") == "run.started");
        Assert.Equal(started, Action(start).TextContent.Trim());
        // What the portal wrote of it, in the reader's words; the site's and the profile's names as they are.
        Assert.Equal(startedDetail, Detail(start));
        Assert.Contains(rows, r => Action(r).GetAttribute("data-action") == "site.created");
        Assert.Contains(rows, r => Action(r).GetAttribute("data-action") == "upload.created");

        // The words of the action's label as the reader reads it (without the Vietnamese marks too) find it.
        page.Find("input[data-testid=activity-search]").Input(words);
        await page.WaitForAssertionAsync(() => Assert.Equal(["run.started"], Rows(page).Select(r => Action(r).GetAttribute("data-action"))), Wait);

        // Who did it finds what they did.
        page.Find("input[data-testid=activity-search]").Input("lan.nguyen@");
        await page.WaitForAssertionAsync(() => Assert.Equal(["record.skipped"], Rows(page).Select(r => Action(r).GetAttribute("data-action"))), Wait);

        page.Find("input[data-testid=activity-search]").Input("không có việc này");
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=activity-none]")), Wait);
    }

    [Theory]
    [InlineData("en", "who did what on this run", "Only what was done on Run #")]
    [InlineData("vi", "ai đã làm gì với lượt nhập này", "Chỉ những việc đã làm với Lượt nhập #")]
    public async Task An_Admin_goes_from_a_run_to_what_was_done_on_it_and_back_to_everything(string culture, string linkText, string only)
    {
        UseCulture(culture);
        var first = await RunWithOneRefusedTicketAsync();
        var second = await H.StartTicketRunAsync(RejectedTicketCsv.Create(6, RefusedSubject), profileName: "Freshdesk phiếu (lần 2)");
        await H.ExecuteAsync(second);
        Assert.True((await H.Runs.RetryAsync("lan.nguyen@haravan.vn", first, null, CancellationToken.None)).Succeeded);
        await EditRefusedTicketAsync(first, "lan.nguyen@haravan.vn");
        var number = await H.InDatabaseAsync(db => db.ImportRuns.Where(r => r.Id == first).Select(r => r.Number).SingleAsync());
        SignInAsAdmin();

        var dashboard = Render<ImportPortal.Components.Pages.Runs.RunDashboardPage>(p => p.Add(x => x.Id, first));
        await dashboard.WaitForAssertionAsync(() => Assert.Single(dashboard.FindAll("[data-testid=run-activity]")), Wait);
        var link = dashboard.Find("[data-testid=run-activity]");
        Assert.Equal(linkText, link.TextContent.Trim());
        Assert.Equal($"activity?subject=run%20{number}", link.GetAttribute("href"));

        Services.GetRequiredService<NavigationManager>().NavigateTo(link.GetAttribute("href")!);
        var page = Render<ActivityPage>();

        await page.WaitForAssertionAsync(() => Assert.NotEmpty(Rows(page)), Wait);
        Assert.StartsWith($"{only}{number}", page.Find("[data-testid=activity-subject]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"activity.csv?subject=run%20{number}", page.Find("[data-testid=activity-download]").GetAttribute("href"));
        var rows = Rows(page);
        // Newest first: the edit (and the retry it asks for), the retry of all failed records, the start.
        Assert.Equal(["run.retried", "record.payload-edited", "run.retried", "run.started"],
            rows.Select(r => Action(r).GetAttribute("data-action")).Where(a => a is "run.retried" or "run.started" or "record.payload-edited"));
        Assert.All(rows, r => Assert.Equal($"runs/{first}", r.QuerySelector("[data-testid=activity-run]")?.GetAttribute("href")));

        // Closing the chip shows everything again, the other run's start too.
        page.Find("[data-testid=activity-subject] .mud-chip-close-button").Click();
        await page.WaitForAssertionAsync(() => Assert.Contains(Rows(page), r => r.QuerySelector("[data-testid=activity-run]")?.GetAttribute("href") == $"runs/{second}"), Wait);
        Assert.Empty(page.FindAll("[data-testid=activity-subject]"));
    }

    [Fact]
    public async Task An_Operator_is_not_offered_the_runs_activity()
    {
        UseCulture("en");
        var runId = await RunWithOneRefusedTicketAsync();
        var dashboard = Render<ImportPortal.Components.Pages.Runs.RunDashboardPage>(p => p.Add(x => x.Id, runId));
        await dashboard.WaitForAssertionAsync(() => Assert.Single(dashboard.FindAll("[data-testid=run-summary]")), Wait);
        Assert.Empty(dashboard.FindAll("[data-testid=run-activity]"));
    }

    [Fact]
    public async Task A_group_shows_only_its_actions_and_a_deleted_run_is_named_without_a_link()
    {
        var runId = await RunWithOneRefusedTicketAsync();
        var trail = H.Services.GetRequiredService<AuditTrail>();

        var (sites, siteTotal) = await trail.PageAsync(new AuditFilter("site", null, null, 0, 50), CancellationToken.None);
        Assert.NotEmpty(sites);
        Assert.Equal(sites.Count, siteTotal);
        Assert.All(sites, l => Assert.StartsWith("site.", l.Action, StringComparison.Ordinal));

        var (runs, _) = await trail.PageAsync(new AuditFilter("run", null, null, 0, 50), CancellationToken.None);
        Assert.Contains(runs, l => l.Action == "run.started" && l.RunId == runId);

        Assert.True((await H.Runs.DeleteAsync("quan.tri@haravan.example", runId, CancellationToken.None)).Succeeded);
        var (after, _) = await trail.PageAsync(new AuditFilter("run", null, null, 0, 50), CancellationToken.None);
        Assert.Contains(after, l => l.Action == "run.deleted");
        Assert.All(after, l => Assert.Null(l.RunId));

        // Paging: the second page goes on where the first ended, newest first.
        var (all, total) = await trail.PageAsync(new AuditFilter(null, null, null, 0, 500), CancellationToken.None);
        var (second, _) = await trail.PageAsync(new AuditFilter(null, null, null, 2, 3), CancellationToken.None);
        Assert.Equal(all.Count, total);
        Assert.Equal(all.Skip(2).Take(3).Select(l => l.Id), second.Select(l => l.Id));
        Assert.Equal(all.Select(l => l.Id).OrderDescending(), all.Select(l => l.Id));
    }

    [Theory]
    [InlineData("en", "At (UTC)|At (Asia/Ho_Chi_Minh)|Who|Action|What|Subject|Detail", "Profile imported")]
    [InlineData("vi", "Lúc (UTC)|Lúc (Asia/Ho_Chi_Minh)|Ai|Mã hành động|Việc đã làm|Đối tượng|Chi tiết", "Nhập hồ sơ ánh xạ từ tệp")]
    public async Task The_download_holds_what_the_filter_shows_with_the_labels_and_no_formula(string culture, string header, string imported)
    {
        UseCulture(culture);
        // A profile's name is the operator's text: a spreadsheet must not run it.
        const string formula = "=HYPERLINK(\"http://evil.example\",\"Hồ sơ\")";
        await H.ProfileAsync(Domain.Mapping.Presets.FreshdeskTicketExportPreset.Create() with { Name = formula });
        var trail = H.Services.GetRequiredService<AuditTrail>();

        var words = Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<ImportPortal.Resources.SharedResource>>();

        var rows = await ImportPortal.Tests.Unit.Runs.CsvText.ReadAsync(s => trail.WriteCsvAsync(new AuditFilter("profile", null, null, 0, 0), words, s, CancellationToken.None));

        // The columns in the reader's language, as the page's table names them.
        Assert.Equal(header.Split('|'), rows[0]);
        Assert.NotEmpty(rows.Skip(1));
        Assert.All(rows.Skip(1), r => Assert.StartsWith("profile.", r[3], StringComparison.Ordinal));
        var line = Assert.Single(rows.Skip(1), r => r[5].Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Equal("'" + formula, line[5]);
        Assert.Equal("profile.imported", line[3]);
        Assert.Equal(imported, line[4]);
        // The team's clock is seven hours ahead of UTC.
        Assert.Equal(DateTime.Parse(line[0], System.Globalization.CultureInfo.InvariantCulture).AddHours(7), DateTime.Parse(line[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("en", "name Hỗ trợ Haravan -> Haravan hỗ trợ (chính) · secret replaced", " key ", "custom_source_id on ", " bytes, sha256 ", "record {0}: HD Ticket {1}", "name {0} -> {1}", "secret replaced")]
    [InlineData("vi", "tên Hỗ trợ Haravan → Haravan hỗ trợ (chính) · đã thay khoá bí mật", ", khoá API ", "custom_source_id trên ", " byte, sha256 ", "bản ghi {0}: HD Ticket {1}", "tên {0} → {1}", "da thay khoa bi mat")]
    public async Task What_was_done_to_a_site_a_profile_a_file_and_a_payload_reads_in_the_readers_words_and_is_found_by_them(
        string culture, string changed, string created, string fields, string file, string edited, string profileRenamed, string search)
    {
        UseCulture(culture);
        var runId = await RunWithOneRefusedTicketAsync();
        var refused = await EditRefusedTicketAsync(runId, "lan.nguyen@haravan.vn");
        var catalog = H.Services.GetRequiredService<ImportPortal.Sites.SiteCatalog>();
        var site = await catalog.FindAsync(H.SiteId, CancellationToken.None) ?? throw new InvalidOperationException("no site");
        var renamed = await catalog.UpdateAsync("quan.tri", H.SiteId,
            new ImportPortal.Sites.SiteInput { Name = "Haravan hỗ trợ (chính)", BaseUrl = site.BaseUrl, ApiKey = site.ApiKey, ApiSecret = H.Simulator.ApiSecret }, CancellationToken.None);
        Assert.True(renamed.Succeeded);
        var profiles = H.Services.GetRequiredService<ImportPortal.Mappings.MappingProfileStore>();
        var profile = (await profiles.ListAsync(CancellationToken.None))[0];
        Assert.True((await profiles.RenameAsync("quan.tri", profile.Id, "Phiếu Haravan 2024", CancellationToken.None)).Succeeded);
        SignInAsAdmin();
        Render<MudPopoverProvider>();

        var page = Render<ActivityPage>();

        await page.WaitForAssertionAsync(() => Assert.Contains(Rows(page), r => Action(r).GetAttribute("data-action") == "site.changed"), Wait);
        var rows = Rows(page);
        string DetailOf(string action) => Detail(Assert.Single(rows, r => Action(r).GetAttribute("data-action") == action));
        Assert.Equal(changed, DetailOf("site.changed"));
        // The address and the key are data: as they are, in the reader's sentence.
        Assert.Equal(site.BaseUrl + created + site.ApiKey, DetailOf("site.created"));
        Assert.StartsWith(fields, DetailOf("site.custom-fields-created"), StringComparison.Ordinal);
        Assert.Matches($"^[0-9]+{Regex.Escape(file)}[0-9a-f]{{64}}$", DetailOf("upload.created"));
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, edited, refused.Id, refused.SourceKey), DetailOf("record.payload-edited"));
        // A renamed profile is named by its new name; both names are in the detail, in the reader's sentence.
        var profileLine = Assert.Single(rows, r => Action(r).GetAttribute("data-action") == "profile.renamed");
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, profileRenamed, profile.Name, "Phiếu Haravan 2024"), Detail(profileLine));
        var profileSubject = profileLine.TextContent.Replace(Detail(profileLine), "", StringComparison.Ordinal);
        Assert.Contains("Phiếu Haravan 2024", profileSubject, StringComparison.Ordinal);
        Assert.DoesNotContain(profile.Name, profileSubject, StringComparison.Ordinal);
        // Every action on a site is named by the site, the fields made on it too.
        Assert.Contains("Haravan hỗ trợ (chính)", Assert.Single(rows, r => Action(r).GetAttribute("data-action") == "site.changed").TextContent, StringComparison.Ordinal);
        Assert.Contains("Hỗ trợ Haravan", Assert.Single(rows, r => Action(r).GetAttribute("data-action") == "site.custom-fields-created").TextContent, StringComparison.Ordinal);

        // The detail's words as the reader reads them (without the marks too) find the line that says them.
        page.Find("input[data-testid=activity-search]").Input(search);
        await page.WaitForAssertionAsync(() => Assert.Equal(["site.changed"], Rows(page).Select(r => Action(r).GetAttribute("data-action"))), Wait);
    }

    [Fact]
    public void Every_action_the_portal_audits_has_its_label_in_english_and_vietnamese()
    {
        var english = ResourceFile.Load("SharedResource.resx");
        var vietnamese = ResourceFile.Load("SharedResource.vi.resx");
        var source = Path.Combine(RepositoryRoot.Path, "src");
        var actions = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => AuditedAction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(actions.Count >= 40, $"the portal audits some forty actions; found {actions.Count}");
        Assert.All(actions, action =>
        {
            Assert.True(english.ContainsKey($"Audit.{action}"), $"{action} has no English label");
            Assert.True(vietnamese.TryGetValue($"Audit.{action}", out var vi) && vi != english[$"Audit.{action}"], $"{action} has no Vietnamese label");
        });
    }

    private static List<IElement> Rows(IRenderedComponent<ActivityPage> page) =>
        page.FindAll("[data-testid=activity-table] tbody tr").Where(r => r.QuerySelector("[data-testid=activity-action]") is not null).ToList();

    private static IElement Action(IElement row) => row.QuerySelector("[data-testid=activity-action]")!;

    private static string Detail(IElement row) => row.QuerySelector("[data-testid=activity-detail]")!.TextContent.Trim();

    [GeneratedRegex(@"""((?:site|upload|profile|run|record|user)\.[a-z][a-z.-]*)""")]
    private static partial Regex AuditedAction();
}
