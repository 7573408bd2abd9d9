using ImportPortal.Domain.Migration;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// What a site's last preflight means for the run about to start: each line that is not Green, and whether it blocks
/// the run, is taken care of by the run's options, or only asks for a look. A Red line blocks a real run unless the run
/// itself puts it right ("keep the helpdesk quiet" turns the e-mails, auto-close, assignment and notifications off
/// and back); a dry run writes nothing, so nothing blocks it; what only tickets meet does not concern a run that sends
/// none (organisations and contacts first, say).
/// </summary>
public sealed record RunReadiness(PreflightReport? Report, IReadOnlyList<ReadinessLine> Lines)
{
    /// <summary>The checks a quiet run turns off before its first write and puts back at its end.</summary>
    public static IReadOnlySet<string> QuietHandles { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PreflightCheckIds.AckEmail,
        PreflightCheckIds.FeedbackEmail,
        PreflightCheckIds.AutoClose,
        PreflightCheckIds.AssignmentRules,
        PreflightCheckIds.NotificationRules,
    };

    /// <summary>The checks of what only a ticket meets: its mails, its auto-close, its assignment, its SLA.</summary>
    public static IReadOnlySet<string> TicketChecks { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PreflightCheckIds.AckEmail,
        PreflightCheckIds.FeedbackEmail,
        PreflightCheckIds.AutoClose,
        PreflightCheckIds.AssignmentRules,
        PreflightCheckIds.Sla,
    };

    /// <summary>The stages that write tickets or what hangs on them.</summary>
    public static IReadOnlySet<RunStage> TicketStages { get; } = new HashSet<RunStage> { RunStage.Tickets, RunStage.Conversations, RunStage.Finalise, RunStage.Assignments };

    /// <summary>False when the site was never tested (or not since its address, key or secret changed).</summary>
    public bool Tested => Report is not null;

    /// <summary>True when a line stops this run from starting.</summary>
    public bool Blocks => Lines.Any(l => l.Handling == ReadinessHandling.Blocks);

    /// <param name="stages">The stages the run sends (ticked and with records to send); null: every stage.</param>
    public static RunReadiness Of(PreflightReport? report, bool dryRun, bool keepQuiet, IReadOnlyCollection<RunStage>? stages = null)
    {
        var sendsTickets = stages is null || stages.Any(TicketStages.Contains);
        return new(report, report is null
            ? []
            : report.Lines.Where(l => l.Severity != PreflightSeverity.Green).Select(l => new ReadinessLine(l, Handling(l, dryRun, keepQuiet, sendsTickets))).ToList());
    }

    private static ReadinessHandling Handling(PreflightLine line, bool dryRun, bool keepQuiet, bool sendsTickets) =>
        (dryRun, keepQuiet && QuietHandles.Contains(line.CheckId), line.Severity) switch
        {
            _ when !sendsTickets && TicketChecks.Contains(line.CheckId) => ReadinessHandling.NotForTheseStages,
            (true, _, PreflightSeverity.Red) => ReadinessHandling.NotForDryRun,
            (true, _, _) when QuietHandles.Contains(line.CheckId) => ReadinessHandling.NotForDryRun,
            (false, true, _) => ReadinessHandling.HandledByQuiet,
            (false, false, PreflightSeverity.Red) => ReadinessHandling.Blocks,
            _ => ReadinessHandling.LookFirst,
        };
}
