using FrappeSimulator.Hosting;
using ImportPortal.Domain.Preflight;
using ImportPortal.Tests.Unit.Frappe;

namespace ImportPortal.Tests.Unit.Preflight;

/// <summary>The preflight through the portal's real Frappe client against the simulator's fresh Helpdesk sites.</summary>
public sealed class PreflightSimulatorTests
{
    [Fact]
    public async Task A_fresh_helpdesk_1_22_can_import_and_shows_the_team_rules_and_the_missing_external_ids()
    {
        await using var harness = await FrappeClientHarness.StartAsync();

        var report = await new PreflightInspector(harness.Site, TimeProvider.System).RunAsync(TestContext.Current.CancellationToken);

        var severities = report.Lines.ToDictionary(l => l.CheckId, l => (l.Severity, l.MessageKey));
        Assert.Equal((PreflightSeverity.Green, PreflightKeys.UserAdministrator), severities[PreflightCheckIds.User]);
        Assert.Equal((PreflightSeverity.Green, PreflightKeys.VersionsFound), severities[PreflightCheckIds.Versions]);
        Assert.Equal(PreflightSeverity.Green, severities[PreflightCheckIds.DocTypes].Severity);
        Assert.Equal((PreflightSeverity.Green, PreflightKeys.AckEmailOff), severities[PreflightCheckIds.AckEmail]);
        Assert.Equal(PreflightSeverity.Green, severities[PreflightCheckIds.FeedbackEmail].Severity);
        Assert.Equal(PreflightSeverity.Green, severities[PreflightCheckIds.AutoClose].Severity);
        Assert.Equal((PreflightSeverity.Green, PreflightKeys.EmailQueueEmpty), severities[PreflightCheckIds.EmailQueue]);
        Assert.Equal((PreflightSeverity.Amber, PreflightKeys.AssignmentRulesEnabled), severities[PreflightCheckIds.AssignmentRules]);
        Assert.Equal((PreflightSeverity.Green, PreflightKeys.NotificationRulesNone), severities[PreflightCheckIds.NotificationRules]);
        Assert.Equal((PreflightSeverity.Green, PreflightKeys.SlaCoversAll), severities[PreflightCheckIds.Sla]);
        Assert.Equal((PreflightSeverity.Green, PreflightKeys.ReferenceDataFound), severities[PreflightCheckIds.ReferenceData]);
        Assert.Equal((PreflightSeverity.Amber, PreflightKeys.ExternalIdMissing), severities[PreflightCheckIds.ExternalId]);
        Assert.Equal(["2", "Billing - Support Rotation, Product Experts - Support Rotation"], report.Line(PreflightCheckIds.AssignmentRules)!.MessageArgs);
        Assert.True(report.CanImport);
    }

    [Fact]
    public async Task External_id_fields_are_created_once_on_the_simulator_and_the_check_turns_green()
    {
        await using var harness = await FrappeClientHarness.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var first = await ExternalIdFields.CreateMissingAsync(harness.Site, ct);

        // A client keeps the metadata cache it was created with: read the new fields through a fresh one.
        harness.Factory.ForgetMetadata(harness.Connection);
        var fresh = harness.Factory.Create(harness.Connection);
        var second = await ExternalIdFields.CreateMissingAsync(fresh, ct);
        var report = await new PreflightInspector(fresh, TimeProvider.System).RunAsync(ct);

        Assert.Equal(ExternalIdFields.DocTypes, first);
        Assert.Empty(second);
        Assert.Equal(ExternalIdFields.DocTypes.Count, harness.Simulator.Store.Count("Custom Field"));
        Assert.Equal(PreflightSeverity.Green, report.Line(PreflightCheckIds.ExternalId)!.Severity);
        Assert.Equal(ExternalIdFields.DocTypes.Count, harness.Simulator.Store.Requests.Count("POST /api/resource/Custom Field"));
    }

    [Fact]
    public async Task Create_missing_with_stale_metadata_meets_the_existing_fields_and_creates_nothing()
    {
        await using var harness = await FrappeClientHarness.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        await ExternalIdFields.CreateMissingAsync(harness.Site, ct);
        var again = await ExternalIdFields.CreateMissingAsync(harness.Site, ct);

        Assert.Empty(again);
        Assert.Equal(ExternalIdFields.DocTypes.Count, harness.Simulator.Store.Count("Custom Field"));
    }

    [Fact]
    public async Task Helpdesk_1_4_has_no_acknowledgement_setting_and_its_statuses_come_from_the_ticket()
    {
        await using var harness = await FrappeClientHarness.StartAsync(simulator: new SimulatorOptions { Helpdesk = HelpdeskVersion.V1_4 });

        var report = await new PreflightInspector(harness.Site, TimeProvider.System).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(PreflightKeys.AckEmailNotInVersion, report.Line(PreflightCheckIds.AckEmail)!.MessageKey);
        Assert.Equal(PreflightKeys.FeedbackEmailNotInVersion, report.Line(PreflightCheckIds.FeedbackEmail)!.MessageKey);
        var reference = report.Line(PreflightCheckIds.ReferenceData)!;
        Assert.Equal("HD Ticket.status options", reference.Facts["status_source"]!.GetValue<string>());
        Assert.True(report.CanImport);
    }
}
