using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Preflight;

public sealed class SiteSettingsCheckTests
{
    [Fact]
    public async Task Acknowledgement_emails_on_are_red_with_advice_to_turn_them_off()
    {
        var site = PreflightSites.Healthy();
        site.Single("HD Settings")["send_acknowledgement_email"] = 1;

        var report = await PreflightRun.OnAsync(site);

        var line = report.Line(PreflightCheckIds.AckEmail)!;
        Assert.Equal(PreflightSeverity.Red, line.Severity);
        Assert.Equal(PreflightKeys.AckEmailOn, line.MessageKey);
        Assert.Equal(PreflightKeys.AckEmailTurnOff, line.AdviceKey);
        Assert.Equal(1, line.Facts["send_acknowledgement_email"]!.GetValue<int>());
        Assert.False(report.CanImport);
    }

    [Fact]
    public async Task A_helpdesk_without_acknowledgement_setting_is_green_because_it_sends_none()
    {
        var site = PreflightSites.Healthy();
        site.AddMeta("HD Settings", FakeFrappeSite.Field("auto_update_status", "Check"));
        site.Clear("HD Settings");
        site.Add("HD Settings", new() { ["name"] = "HD Settings", ["auto_update_status"] = 0 });

        var report = await PreflightRun.OnAsync(site);

        Assert.Equal(PreflightKeys.AckEmailNotInVersion, report.Line(PreflightCheckIds.AckEmail)!.MessageKey);
        Assert.Equal(PreflightKeys.FeedbackEmailNotInVersion, report.Line(PreflightCheckIds.FeedbackEmail)!.MessageKey);
        Assert.Equal(PreflightKeys.AutoCloseNotInVersion, report.Line(PreflightCheckIds.AutoClose)!.MessageKey);
        Assert.All(report.Lines, l => Assert.Equal(PreflightSeverity.Green, l.Severity));
    }

    [Fact]
    public async Task A_setting_the_site_knows_but_never_stored_counts_as_off()
    {
        var site = PreflightSites.Healthy();
        site.Single("HD Settings").Remove("send_acknowledgement_email");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.AckEmail);

        Assert.Equal((PreflightSeverity.Green, PreflightKeys.AckEmailOff), (line.Severity, line.MessageKey));
    }

    [Fact]
    public async Task Feedback_emails_on_are_red()
    {
        var site = PreflightSites.Healthy();
        site.Single("HD Settings")["enable_email_ticket_feedback"] = "1";

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.FeedbackEmail);

        Assert.Equal(PreflightSeverity.Red, line.Severity);
        Assert.Equal(PreflightKeys.FeedbackEmailOn, line.MessageKey);
        Assert.Equal(PreflightKeys.FeedbackEmailTurnOff, line.AdviceKey);
    }

    [Fact]
    public async Task Auto_close_on_is_amber_and_names_the_days()
    {
        var site = PreflightSites.Healthy();
        site.Single("HD Settings")["auto_close_tickets"] = 1;
        site.Single("HD Settings")["auto_close_after_days"] = 7;

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.AutoClose);

        Assert.Equal(PreflightSeverity.Amber, line.Severity);
        Assert.Equal(PreflightKeys.AutoCloseOn, line.MessageKey);
        Assert.Equal(["7"], line.MessageArgs);
        Assert.Equal(PreflightKeys.AutoCloseTurnOff, line.AdviceKey);
    }

    [Fact]
    public async Task Emails_waiting_in_the_queue_are_amber_and_counted()
    {
        var site = PreflightSites.Healthy();
        site.Add("Email Queue", new() { ["name"] = "q1", ["status"] = "Not Sent" });
        site.Add("Email Queue", new() { ["name"] = "q2", ["status"] = "Not Sent" });
        site.Add("Email Queue", new() { ["name"] = "q3", ["status"] = "Sent" });

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.EmailQueue);

        Assert.Equal(PreflightSeverity.Amber, line.Severity);
        Assert.Equal(PreflightKeys.EmailQueuePending, line.MessageKey);
        Assert.Equal(["2"], line.MessageArgs);
        Assert.Equal(PreflightKeys.EmailQueueReview, line.AdviceKey);
        Assert.Equal(2, line.Facts["not_sent"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unreadable_email_queue_is_amber_could_not_check()
    {
        var site = PreflightSites.Healthy();
        site.Failing["Email Queue"] = FrappeErrorKind.AuthOrPermission;

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.EmailQueue);

        Assert.Equal((PreflightSeverity.Amber, PreflightKeys.CouldNotCheck), (line.Severity, line.MessageKey));
    }

    [Fact]
    public async Task Enabled_assignment_rules_on_hd_ticket_are_amber_and_named()
    {
        var site = PreflightSites.Healthy();
        site.Add("Assignment Rule", new() { ["name"] = "Billing - Support Rotation", ["document_type"] = "HD Ticket", ["disabled"] = 0 });
        site.Add("Assignment Rule", new() { ["name"] = "ToDo rule", ["document_type"] = "ToDo", ["disabled"] = 0 });

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.AssignmentRules);

        Assert.Equal(PreflightSeverity.Amber, line.Severity);
        Assert.Equal(PreflightKeys.AssignmentRulesEnabled, line.MessageKey);
        Assert.Equal(["1", "Billing - Support Rotation"], line.MessageArgs);
        Assert.Equal(PreflightKeys.AssignmentRulesDisable, line.AdviceKey);
    }

    [Fact]
    public async Task Enabled_notification_rules_on_tickets_or_communications_are_amber()
    {
        var site = PreflightSites.Healthy();
        site.Add("Notification", new() { ["name"] = "Ticket closed", ["document_type"] = "HD Ticket", ["enabled"] = 1 });
        site.Add("Notification", new() { ["name"] = "Reply mail", ["document_type"] = "Communication", ["enabled"] = 1 });
        site.Add("Notification", new() { ["name"] = "Old", ["document_type"] = "HD Ticket", ["enabled"] = 0 });
        site.Add("Notification", new() { ["name"] = "Leads", ["document_type"] = "Lead", ["enabled"] = 1 });

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.NotificationRules);

        Assert.Equal(PreflightSeverity.Amber, line.Severity);
        Assert.Equal(["2", "Ticket closed, Reply mail"], line.MessageArgs);
        Assert.Equal(PreflightKeys.NotificationRulesDisable, line.AdviceKey);
    }

    [Fact]
    public async Task A_site_without_the_notification_doctype_is_amber_could_not_check()
    {
        var site = PreflightSites.Healthy();
        site.RemoveDocType("Notification");

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.NotificationRules);

        Assert.Equal((PreflightSeverity.Amber, PreflightKeys.CouldNotCheck), (line.Severity, line.MessageKey));
        Assert.Equal("NotFound", line.Facts["error_kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_settings_facts_are_copies_not_the_sites_own_nodes()
    {
        var site = PreflightSites.Healthy();

        var line = await PreflightRun.LineAsync(site, PreflightCheckIds.AutoClose);
        site.Single("HD Settings")["auto_close_after_days"] = 99;

        Assert.Equal(14, line.Facts["auto_close_after_days"]!.GetValue<int>());
        Assert.IsType<JsonObject>(line.Facts);
    }
}
