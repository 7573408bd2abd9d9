using System.Text.Json.Nodes;
using ImportPortal.Domain.Preflight;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Tests.Unit.Sites;

/// <summary>The preflight of a stored site, run through the real client against the simulator.</summary>
public sealed class SitePreflightTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Acknowledgement_emails_on_are_red_with_the_fix_and_the_report_is_kept_with_the_site()
    {
        await using var h = await SitesHarness.StartAsync();
        using var http = h.Simulator.CreateClient();
        (await http.PutAsync(new Uri("api/resource/HD Settings/HD Settings", UriKind.Relative),
            JsonContent("""{"send_acknowledgement_email": 1}"""), Ct)).EnsureSuccessStatusCode();
        var id = (await h.Catalog.AddAsync("admin", h.SimulatorInput(), Ct)).Id!.Value;

        var report = await h.Preflight.RunAsync(id, Ct);

        var ack = report!.Line("ack-email")!;
        Assert.Equal(PreflightSeverity.Red, ack.Severity);
        Assert.NotNull(ack.AdviceKey);
        Assert.False(report.CanImport);
        var kept = await h.Preflight.LastReportAsync(id, Ct);
        Assert.Equal(PreflightSeverity.Red, kept!.Line("ack-email")!.Severity);
        Assert.Equal("Red", (await h.Catalog.FindAsync(id, Ct))!.PreflightWorst);
    }

    [Fact]
    public async Task A_priority_missing_from_the_default_SLA_is_flagged_by_name()
    {
        await using var h = await SitesHarness.StartAsync();
        using var http = h.Simulator.CreateClient();
        (await http.PostAsync(new Uri("api/resource/HD Ticket Priority", UriKind.Relative),
            JsonContent("""{"name": "Khẩn cấp", "integer_value": 0}"""), Ct)).EnsureSuccessStatusCode();
        var id = (await h.Catalog.AddAsync("admin", h.SimulatorInput(), Ct)).Id!.Value;

        var report = await h.Preflight.RunAsync(id, Ct);

        var sla = report!.Line("sla")!;
        Assert.Equal(PreflightSeverity.Amber, sla.Severity);
        Assert.Contains(sla.MessageArgs, a => a.Contains("Khẩn cấp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_enabled_notification_rule_on_tickets_is_amber_and_named()
    {
        await using var h = await SitesHarness.StartAsync();
        using var http = h.Simulator.CreateClient();
        (await http.PostAsync(new Uri("api/resource/Notification", UriKind.Relative), JsonContent(
            """{"name": "Báo khách hàng", "subject": "Phiếu mới", "event": "New", "document_type": "HD Ticket", "enabled": 1}"""), Ct)).EnsureSuccessStatusCode();
        var id = (await h.Catalog.AddAsync("admin", h.SimulatorInput(), Ct)).Id!.Value;

        var report = await h.Preflight.RunAsync(id, Ct);

        var rules = report!.Line("notification-rules")!;
        Assert.Equal(PreflightSeverity.Amber, rules.Severity);
        Assert.Contains(rules.MessageArgs, a => a.Contains("Báo khách hàng", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fresh_site_passes_and_external_id_fields_are_created_once_and_audited()
    {
        await using var h = await SitesHarness.StartAsync();
        var id = (await h.Catalog.AddAsync("admin", h.SimulatorInput(), Ct)).Id!.Value;

        var before = await h.Preflight.RunAsync(id, Ct);
        var created = await h.Preflight.CreateExternalIdFieldsAsync("admin", id, Ct);
        var again = await h.Preflight.CreateExternalIdFieldsAsync("admin", id, Ct);
        var after = await h.Preflight.RunAsync(id, Ct);

        Assert.True(before!.CanImport);
        Assert.Equal(PreflightSeverity.Amber, before.Line("external-id")!.Severity);
        Assert.Equal(["HD Ticket", "Contact", "Communication", "HD Ticket Comment"], created);
        Assert.Empty(again);
        Assert.Equal(PreflightSeverity.Green, after!.Line("external-id")!.Severity);
        Assert.Equal(4, h.Simulator.Store.Count("Custom Field"));
        var audit = await h.InDatabaseAsync(db => db.AuditEvents.Where(a => a.Action == "site.custom-fields-created").CountAsync());
        Assert.Equal(2, audit);
    }

    [Fact]
    public async Task A_wrong_secret_makes_the_user_check_red_and_skips_the_rest()
    {
        await using var h = await SitesHarness.StartAsync();
        var input = h.SimulatorInput();
        input.ApiSecret = "not-the-secret";
        var id = (await h.Catalog.AddAsync("admin", input, Ct)).Id!.Value;

        var report = await h.Preflight.RunAsync(id, Ct);

        Assert.Equal(PreflightSeverity.Red, report!.Line("user")!.Severity);
        Assert.Equal(1, h.Simulator.Store.Requests.Count("GET /api/method/frappe.auth.get_logged_user"));
        Assert.Equal(1, h.Simulator.Store.Requests.Total);
        Assert.DoesNotContain("not-the-secret", h.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_address_key_or_secret_voids_the_last_test_and_a_new_name_keeps_it()
    {
        await using var h = await SitesHarness.StartAsync();
        var id = (await h.Catalog.AddAsync("admin", h.SimulatorInput(), Ct)).Id!.Value;
        var edits = new (string What, Action<ImportPortal.Sites.SiteInput> Edit, bool Voids)[]
        {
            ("name", e => e.Name = "Hỗ trợ Haravan (chính)", false),
            ("address", e => e.BaseUrl = h.Simulator.BaseUrl.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal), true),
            ("API key", e => e.ApiKey = h.Simulator.ApiKey + "-moi", true),
            ("secret", e => e.ApiSecret = h.Simulator.ApiSecret, true),
        };

        foreach (var (what, edit, voids) in edits)
        {
            await h.Preflight.RunAsync(id, Ct);
            var site = (await h.Catalog.FindAsync(id, Ct))!;
            var input = new ImportPortal.Sites.SiteInput { Name = site.Name, BaseUrl = site.BaseUrl, ApiKey = site.ApiKey, ApiSecret = "" };
            edit(input);

            Assert.True((await h.Catalog.UpdateAsync("admin", id, input, Ct)).Succeeded, what);

            Assert.True(voids == (await h.Preflight.LastReportAsync(id, Ct) is null), $"{what}: the last test {(voids ? "was kept" : "was voided")}");
            Assert.True(voids == ((await h.Catalog.FindAsync(id, Ct))!.PreflightAt is null), what);
        }
    }

    private static StringContent JsonContent(string json) => new(JsonNode.Parse(json)!.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
