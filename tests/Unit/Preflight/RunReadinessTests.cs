using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Preflight;

/// <summary>What a site's last test means for the run about to start: what blocks it, what it takes care of, what asks for a look.</summary>
public sealed class RunReadinessTests
{
    [Fact]
    public async Task Mails_the_helpdesk_would_send_block_a_real_run_unless_it_keeps_the_helpdesk_quiet()
    {
        var report = await NoisySiteAsync();

        var loud = RunReadiness.Of(report, dryRun: false, keepQuiet: false);
        var quiet = RunReadiness.Of(report, dryRun: false, keepQuiet: true);

        Assert.True(loud.Blocks);
        Assert.Equal(ReadinessHandling.Blocks, Handling(loud, PreflightCheckIds.AckEmail));
        Assert.Equal(ReadinessHandling.Blocks, Handling(loud, PreflightCheckIds.FeedbackEmail));
        Assert.Equal(ReadinessHandling.LookFirst, Handling(loud, PreflightCheckIds.AssignmentRules));
        Assert.False(quiet.Blocks);
        Assert.Equal(ReadinessHandling.HandledByQuiet, Handling(quiet, PreflightCheckIds.AckEmail));
        Assert.Equal(ReadinessHandling.HandledByQuiet, Handling(quiet, PreflightCheckIds.FeedbackEmail));
        Assert.Equal(ReadinessHandling.HandledByQuiet, Handling(quiet, PreflightCheckIds.AssignmentRules));
        // What the quiet run does not touch still asks for a look.
        Assert.Equal(ReadinessHandling.LookFirst, Handling(quiet, PreflightCheckIds.ExternalId));
    }

    [Fact]
    public async Task A_red_line_no_option_puts_right_blocks_every_real_run_but_not_a_dry_run()
    {
        var site = PreflightSites.Healthy();
        site.Clear("HD Service Level Agreement");
        var report = await PreflightRun.OnAsync(site);

        Assert.True(RunReadiness.Of(report, dryRun: false, keepQuiet: true).Blocks);
        Assert.True(RunReadiness.Of(report, dryRun: false, keepQuiet: false).Blocks);
        var dry = RunReadiness.Of(report, dryRun: true, keepQuiet: false);
        Assert.False(dry.Blocks);
        Assert.Equal(ReadinessHandling.NotForDryRun, Handling(dry, PreflightCheckIds.Sla));
    }

    [Fact]
    public async Task A_dry_run_sends_no_mail_so_the_mail_lines_do_not_concern_it_and_the_others_still_ask_for_a_look()
    {
        var dry = RunReadiness.Of(await NoisySiteAsync(), dryRun: true, keepQuiet: false);

        Assert.False(dry.Blocks);
        Assert.Equal(ReadinessHandling.NotForDryRun, Handling(dry, PreflightCheckIds.AckEmail));
        Assert.Equal(ReadinessHandling.NotForDryRun, Handling(dry, PreflightCheckIds.AssignmentRules));
        Assert.Equal(ReadinessHandling.LookFirst, Handling(dry, PreflightCheckIds.ExternalId));
    }

    [Fact]
    public async Task What_only_tickets_meet_does_not_concern_a_run_that_sends_none_and_the_rest_still_counts()
    {
        var site = PreflightSites.Healthy(externalIds: false);
        site.Single("HD Settings")["send_acknowledgement_email"] = 1;
        site.Clear("HD Service Level Agreement");
        var report = await PreflightRun.OnAsync(site);

        var contacts = RunReadiness.Of(report, dryRun: false, keepQuiet: false, [RunStage.Organisations, RunStage.Contacts]);
        var notes = RunReadiness.Of(report, dryRun: false, keepQuiet: false, [RunStage.Contacts, RunStage.Conversations]);

        Assert.False(contacts.Blocks);
        Assert.Equal(ReadinessHandling.NotForTheseStages, Handling(contacts, PreflightCheckIds.AckEmail));
        Assert.Equal(ReadinessHandling.NotForTheseStages, Handling(contacts, PreflightCheckIds.Sla));
        Assert.Equal(ReadinessHandling.LookFirst, Handling(contacts, PreflightCheckIds.ExternalId));
        // Replies hang on tickets: a run that sends them is judged as one that sends tickets.
        Assert.True(notes.Blocks);
        Assert.Equal(ReadinessHandling.Blocks, Handling(notes, PreflightCheckIds.Sla));
    }

    [Fact]
    public async Task Green_lines_are_left_out_and_an_untested_site_blocks_nothing()
    {
        var healthy = RunReadiness.Of(await PreflightRun.OnAsync(PreflightSites.Healthy()), dryRun: false, keepQuiet: false);
        var untested = RunReadiness.Of(null, dryRun: false, keepQuiet: false);

        Assert.True(healthy.Tested);
        Assert.Empty(healthy.Lines);
        Assert.False(healthy.Blocks);
        Assert.False(untested.Tested);
        Assert.Empty(untested.Lines);
        Assert.False(untested.Blocks);
    }

    // Acknowledgement and feedback mails on, an assignment rule enabled, no external-id fields.
    private static Task<PreflightReport> NoisySiteAsync()
    {
        var site = PreflightSites.Healthy(externalIds: false);
        site.Single("HD Settings")["send_acknowledgement_email"] = 1;
        site.Single("HD Settings")["enable_email_ticket_feedback"] = 1;
        site.Add("Assignment Rule", new() { ["name"] = "Billing - Support Rotation", ["document_type"] = "HD Ticket", ["disabled"] = 0 });
        return PreflightRun.OnAsync(site);
    }

    private static ReadinessHandling Handling(RunReadiness readiness, string checkId) =>
        readiness.Lines.Single(l => l.Line.CheckId == checkId).Handling;
}
