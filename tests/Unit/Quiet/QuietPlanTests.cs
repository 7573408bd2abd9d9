using System.Text.Json.Nodes;
using ImportPortal.Domain.Quiet;

namespace ImportPortal.Tests.Unit.Quiet;

/// <summary>What a run changes to keep a site quiet, and what putting it back writes.</summary>
public sealed class QuietPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_flags_that_were_on_are_turned_off_and_put_back_on()
    {
        var settings = new JsonObject { ["send_acknowledgement_email"] = 1, ["enable_email_ticket_feedback"] = "0", ["auto_close_tickets"] = true, ["default_priority"] = "Medium" };

        var state = QuietPlan.Snapshot(settings, [], [], resumeSending: true, Now);

        Assert.Equal("""{"send_acknowledgement_email":0,"auto_close_tickets":0}""", QuietPlan.SilenceFlags(state)!.ToJsonString());
        Assert.Equal("""{"send_acknowledgement_email":1,"auto_close_tickets":1}""", QuietPlan.RestoreFlags(state)!.ToJsonString());
    }

    [Fact]
    public void A_helpdesk_without_the_flags_gets_no_settings_PUT()
    {
        var state = QuietPlan.Snapshot(new JsonObject { ["auto_update_status"] = 1 }, [], [], resumeSending: true, Now);

        Assert.Empty(state.Flags);
        Assert.Null(QuietPlan.SilenceFlags(state));
        Assert.Null(QuietPlan.RestoreFlags(state));
    }

    [Fact]
    public void The_snapshot_keeps_each_enabled_rule_and_notification_once_in_name_order()
    {
        JsonObject[] rules = [new() { ["name"] = "Billing - Support Rotation" }, new() { ["name"] = "Ảnh" }, new() { ["name"] = "Billing - Support Rotation" }];

        JsonObject[] notifications = [new() { ["name"] = "Cảm ơn khách hàng" }, new() { ["name"] = "Báo Slack" }];

        var state = QuietPlan.Snapshot([], rules, notifications, resumeSending: false, Now);

        Assert.Equal(["Billing - Support Rotation", "Ảnh"], state.Rules);
        Assert.Equal(["Báo Slack", "Cảm ơn khách hàng"], state.Notifications);
        Assert.False(state.ResumeSending);
        Assert.Equal(QuietPhase.Silencing, state.Phase);
        Assert.True(state.Pending);
    }

    [Fact]
    public void Unsent_mail_is_listed_by_status_and_doctype_and_only_the_runs_own_is_picked()
    {
        var filters = QuietPlan.UnsentMailAbout("HD Ticket");
        JsonObject Mail(string name, string? reference) => new() { ["name"] = name, ["reference_name"] = reference };

        var ours = QuietPlan.MailsAbout(
            [Mail("m1", "0001"), Mail("m2", "0777"), Mail("m3", "0002"), Mail("m4", null)],
            new HashSet<string>(["0001", "0002"], StringComparer.OrdinalIgnoreCase));

        Assert.Equal("""[["status","=","Not Sent"],["reference_doctype","=","HD Ticket"]]""", filters.ToJsonString());
        Assert.Equal(["m1", "m3"], ours);
    }
}
