using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Preflight;

public sealed class PreflightInspectorTests
{
    [Fact]
    public async Task A_healthy_site_is_green_on_every_check_in_order_and_can_import()
    {
        var report = await PreflightRun.OnAsync(PreflightSites.Healthy());

        Assert.Equal(PreflightCheckIds.All, report.Lines.Select(l => l.CheckId));
        Assert.All(report.Lines, l => Assert.Equal(PreflightSeverity.Green, l.Severity));
        Assert.Equal(PreflightSeverity.Green, report.Worst);
        Assert.True(report.CanImport);
        Assert.Equal(PreflightRun.Now, report.CheckedAt);
    }

    [Fact]
    public async Task Administrator_is_green_without_reading_roles()
    {
        var site = PreflightSites.Healthy();
        site.Clear("User");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.User);

        Assert.Equal(PreflightSeverity.Green, line.Severity);
        Assert.Equal(PreflightKeys.UserAdministrator, line.MessageKey);
        Assert.Equal(["Administrator"], line.MessageArgs);
    }

    [Fact]
    public async Task A_user_with_system_manager_is_green_and_the_roles_are_kept_as_facts()
    {
        var site = WithUser("api@example.com", "System Manager", "Agent Manager");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.User);

        Assert.Equal(PreflightSeverity.Green, line.Severity);
        Assert.Equal(PreflightKeys.UserSystemManager, line.MessageKey);
        Assert.Equal(["api@example.com", "System Manager, Agent Manager"], line.MessageArgs);
        Assert.Equal(2, line.Facts["roles"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_user_without_system_manager_is_amber_with_advice_to_give_the_roles()
    {
        var site = WithUser("agent@example.com", "Agent");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.User);

        Assert.Equal(PreflightSeverity.Amber, line.Severity);
        Assert.Equal(PreflightKeys.UserMissingRoles, line.MessageKey);
        Assert.Equal(PreflightKeys.UserGiveRoles, line.AdviceKey);
    }

    [Fact]
    public async Task A_user_not_allowed_to_read_its_roles_is_amber_and_the_other_checks_still_run()
    {
        var site = WithUser("agent@example.com", "Agent");
        site.Failing["User"] = FrappeErrorKind.AuthOrPermission;

        var report = await PreflightRun.OnAsync(site);

        Assert.Equal(PreflightKeys.UserRolesUnreadable, report.Lines[0].MessageKey);
        Assert.DoesNotContain(report.Lines, l => l.MessageKey == PreflightKeys.Skipped);
    }

    [Fact]
    public async Task A_refused_key_makes_the_user_check_red_and_skips_the_rest()
    {
        var site = PreflightSites.Healthy();
        site.RefuseKey = true;

        var report = await PreflightRun.OnAsync(site);

        var user = report.Lines[0];
        Assert.Equal(PreflightSeverity.Red, user.Severity);
        Assert.Equal(PreflightKeys.UserRefused, user.MessageKey);
        Assert.Equal(["Invalid API key"], user.MessageArgs);
        Assert.Equal(PreflightKeys.UserCheckKey, user.AdviceKey);
        Assert.Equal("AuthOrPermission", user.Facts["error_kind"]!.GetValue<string>());
        Assert.Equal(PreflightCheckIds.All.Count, report.Lines.Count);
        Assert.All(report.Lines.Skip(1), l => Assert.Equal((PreflightSeverity.Amber, PreflightKeys.Skipped), (l.Severity, l.MessageKey)));
        Assert.False(report.CanImport);
        Assert.Equal(PreflightSeverity.Red, report.Worst);
    }

    [Fact]
    public async Task One_failing_check_is_reported_as_could_not_check_and_the_others_still_run()
    {
        var site = PreflightSites.Healthy();
        site.Failing["Email Queue"] = FrappeErrorKind.Transient;
        site.Failing["HD Settings"] = FrappeErrorKind.ServerError;

        var report = await PreflightRun.OnAsync(site);

        var queue = report.Line(PreflightCheckIds.EmailQueue)!;
        Assert.Equal(PreflightSeverity.Amber, queue.Severity);
        Assert.Equal(PreflightKeys.CouldNotCheck, queue.MessageKey);
        Assert.Equal(["Email Queue: Transient"], queue.MessageArgs);
        Assert.Equal(PreflightKeys.CouldNotCheckAdvice, queue.AdviceKey);
        Assert.Equal(PreflightKeys.CouldNotCheck, report.Line(PreflightCheckIds.AckEmail)!.MessageKey);
        Assert.Equal(PreflightCheckIds.All.Count, report.Lines.Count);
        Assert.Equal(PreflightSeverity.Green, report.Line(PreflightCheckIds.Sla)!.Severity);
        Assert.Equal(PreflightSeverity.Green, report.Line(PreflightCheckIds.ExternalId)!.Severity);
        Assert.True(report.CanImport);
    }

    [Fact]
    public async Task The_versions_line_names_frappe_helpdesk_and_erpnext_and_keeps_every_app()
    {
        var site = PreflightSites.Healthy();
        site.Versions.Add(new("erpnext", "ERPNext", "15.40.0"));

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.Versions);

        Assert.Equal(PreflightSeverity.Green, line.Severity);
        Assert.Equal(PreflightKeys.VersionsFoundWithErpnext, line.MessageKey);
        Assert.Equal(["15.55.1", "1.22.2", "15.40.0"], line.MessageArgs);
        Assert.Equal(3, line.Facts["apps"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_site_without_helpdesk_is_red()
    {
        var site = PreflightSites.Healthy();
        site.Versions.RemoveAll(v => v.App == "helpdesk");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.Versions);

        Assert.Equal(PreflightSeverity.Red, line.Severity);
        Assert.Equal(PreflightKeys.VersionsNoHelpdesk, line.MessageKey);
        Assert.Equal(PreflightKeys.VersionsInstallHelpdesk, line.AdviceKey);
    }

    [Fact]
    public async Task Frappe_older_than_15_is_amber()
    {
        var site = PreflightSites.Healthy();
        site.Versions[0] = new("frappe", "Frappe Framework", "14.82.1");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.Versions);

        Assert.Equal(PreflightSeverity.Amber, line.Severity);
        Assert.Equal(PreflightKeys.VersionsOldFrappe, line.MessageKey);
        Assert.Equal(["14.82.1", "1.22.2"], line.MessageArgs);
    }

    [Fact]
    public async Task A_missing_helpdesk_doctype_is_red_and_named()
    {
        var site = PreflightSites.Healthy();
        site.RemoveDocType("HD Ticket Comment");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.DocTypes);

        Assert.Equal(PreflightSeverity.Red, line.Severity);
        Assert.Equal(PreflightKeys.DocTypesMissing, line.MessageKey);
        Assert.Equal(["HD Ticket Comment"], line.MessageArgs);
    }

    [Fact]
    public async Task A_site_without_erpnext_customer_is_green_and_says_so()
    {
        var site = PreflightSites.Healthy();
        site.RemoveDocType("Customer");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.DocTypes);

        Assert.Equal(PreflightSeverity.Green, line.Severity);
        Assert.Equal(PreflightKeys.DocTypesNoErpnext, line.MessageKey);
        Assert.Equal(["Customer"], line.Facts["missing"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private static FakeFrappeSite WithUser(string user, params string[] roles)
    {
        var site = PreflightSites.Healthy();
        site.LoggedUser = user;
        site.Add("User", new() { ["name"] = user, ["roles"] = new JsonArray(roles.Select(r => (JsonNode?)new JsonObject { ["role"] = r }).ToArray()) });
        return site;
    }
}
