using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Preflight;

public sealed class SlaAndReferenceDataCheckTests
{
    [Fact]
    public async Task A_priority_missing_from_the_default_sla_is_amber_and_named()
    {
        var site = PreflightSites.Healthy();
        site.Add("HD Ticket Priority", new() { ["name"] = "Critical" });

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.Sla);

        Assert.Equal(PreflightSeverity.Amber, line.Severity);
        Assert.Equal(PreflightKeys.SlaMissingPriorities, line.MessageKey);
        Assert.Equal(["Default", "Critical"], line.MessageArgs);
        Assert.Equal(PreflightKeys.SlaAddPriorities, line.AdviceKey);
        Assert.Equal(["Critical"], line.Facts["missing"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task No_default_sla_is_red()
    {
        var site = PreflightSites.Healthy();
        site.Clear("HD Service Level Agreement");
        site.Add("HD Service Level Agreement", PreflightSites.Sla("Gold", isDefault: false, enabled: true, PreflightSites.Priorities));

        var report = await PreflightRun.OnAsync(site);

        var line = report.Line(PreflightCheckIds.Sla)!;
        Assert.Equal(PreflightSeverity.Red, line.Severity);
        Assert.Equal(PreflightKeys.SlaNoDefault, line.MessageKey);
        Assert.Equal(PreflightKeys.SlaCreateDefault, line.AdviceKey);
        Assert.False(report.CanImport);
    }

    [Fact]
    public async Task A_disabled_default_sla_is_red()
    {
        var site = PreflightSites.Healthy();
        site.Clear("HD Service Level Agreement");
        site.Add("HD Service Level Agreement", PreflightSites.Sla("Default", isDefault: true, enabled: false, PreflightSites.Priorities));

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.Sla);

        Assert.Equal((PreflightSeverity.Red, PreflightKeys.SlaNoDefault), (line.Severity, line.MessageKey));
    }

    [Fact]
    public async Task A_default_sla_listing_every_priority_is_green()
    {
        var line = await PreflightRun.LineAsync(PreflightSites.Healthy(), PreflightCheckIds.Sla);

        Assert.Equal(PreflightKeys.SlaCoversAll, line.MessageKey);
        Assert.Equal(["Default", "Urgent, High, Medium, Low"], line.MessageArgs);
    }

    [Fact]
    public async Task Reference_data_counts_statuses_priorities_types_and_teams_and_keeps_the_lists()
    {
        var line = await PreflightRun.LineAsync(PreflightSites.Healthy(), PreflightCheckIds.ReferenceData);

        Assert.Equal(PreflightSeverity.Green, line.Severity);
        Assert.Equal(PreflightKeys.ReferenceDataFound, line.MessageKey);
        Assert.Equal(["4", "4", "4", "2"], line.MessageArgs);
        Assert.Equal("HD Ticket Status", line.Facts["status_source"]!.GetValue<string>());
        Assert.Equal(["Billing", "Product Experts"], line.Facts["teams"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task On_helpdesk_1_4_the_statuses_are_the_select_options_of_the_ticket()
    {
        var site = PreflightSites.Healthy();
        site.RemoveDocType("HD Ticket Status");
        site.AddMeta("HD Ticket", FakeFrappeSite.Field("subject"), FakeFrappeSite.Field("status", "Select", "Open\nReplied\nResolved\nClosed"));

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.ReferenceData);

        Assert.Equal(PreflightSeverity.Green, line.Severity);
        Assert.Equal(["Open", "Replied", "Resolved", "Closed"], line.Facts["statuses"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("HD Ticket.status options", line.Facts["status_source"]!.GetValue<string>());
    }
}
