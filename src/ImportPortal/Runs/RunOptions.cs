using ImportPortal.Domain.Migration;

namespace ImportPortal.Runs;

/// <summary>What the operator chose when starting a run.</summary>
public sealed record RunOptions
{
    public IReadOnlyList<RunStage> Stages { get; init; } = RunStages.All;

    public bool DryRun { get; init; }

    /// <summary>Most requests in flight to the site at once; the adaptive limiter stays at or below it.</summary>
    public int Ceiling { get; init; } = 32;

    public ExistingMode Existing { get; init; } = ExistingMode.Skip;

    /// <summary>Silence the helpdesk (customer e-mails, auto-close, assignment rules, sending) during the run and put it back at the end.</summary>
    public bool KeepQuiet { get; init; } = true;

    /// <summary>Re-enable e-mail sending when the run puts the site back (REST cannot tell whether it was suspended before).</summary>
    public bool ResumeSending { get; init; } = true;

    /// <summary>
    /// Send new documents of the doctypes Frappe takes faster in batches (Portal:Runs:InsertManyDoctypes) with
    /// <c>frappe.client.insert_many</c>, a few per request. For a migration window: on a small site an agent's click
    /// waits behind the batch being served.
    /// </summary>
    public bool Batches { get; init; }

    /// <summary>
    /// Plan now, send from this moment (a migration window after the team's day): once planned, the run waits paused
    /// until then, with its site left as it is; Resume starts it sooner. Null: send as soon as it is planned.
    /// </summary>
    public DateTimeOffset? SendFrom { get; init; }

    /// <summary>
    /// The hours of each day the run may send in, on the team's wall clock (<see cref="TeamClock"/>): outside them
    /// it waits, paused, with its site put back, and it goes on by itself when they come again. Null: any time.
    /// </summary>
    public SendWindow? Window { get; init; }

    /// <summary>How far ahead a run may be set to send.</summary>
    public static readonly TimeSpan SendFromLimit = TimeSpan.FromDays(14);

    /// <summary>A dry run writes nothing, so there is nothing to silence.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool SilencesSite => KeepQuiet && !DryRun;

    public const int MaxCeiling = 64;
}
