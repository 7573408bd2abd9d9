namespace ImportPortal.Domain.Quiet;

/// <summary>
/// What a run changed on its site to keep it quiet, kept on the run: the snapshot of the originals (taken once,
/// before any change), each step done, and how putting them back went. Restoring always writes the snapshot's
/// values, so it is safe to repeat after a crash at any point.
/// </summary>
public sealed record SiteQuietState
{
    public QuietPhase Phase { get; init; }

    /// <summary>The HD Settings flags this site has, as they were before the run.</summary>
    public IReadOnlyList<QuietFlag> Flags { get; init; } = [];

    /// <summary>The Assignment Rules on HD Ticket that were enabled before the run: the ones the run disables and re-enables.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>The Notifications on the doctypes a run writes that were enabled before the run: the ones it disables and re-enables.</summary>
    public IReadOnlyList<string> Notifications { get; init; } = [];

    /// <summary>Whether restoring re-enables sending (REST cannot tell whether sending was suspended before the run).</summary>
    public bool ResumeSending { get; init; } = true;

    public DateTimeOffset SnapshotAt { get; init; }

    public bool FlagsOff { get; init; }

    public bool RulesOff { get; init; }

    public bool NotificationsOff { get; init; }

    public bool SendingOff { get; init; }

    public DateTimeOffset? SilencedAt { get; init; }

    public bool FlagsBack { get; init; }

    public bool RulesBack { get; init; }

    public bool NotificationsBack { get; init; }

    public bool MailsCleared { get; init; }

    /// <summary>Unsent e-mails about this run's tickets and messages that restoring deleted.</summary>
    public int MailsDeleted { get; init; }

    public bool SendingBack { get; init; }

    public DateTimeOffset? RestoredAt { get; init; }

    /// <summary>Why the last attempt to silence or restore stopped; null when it went through.</summary>
    public string? Error { get; init; }

    public DateTimeOffset? ErrorAt { get; init; }

    /// <summary>The flags the run turns off (those that were on).</summary>
    public IEnumerable<string> ChangedFlags => Flags.Where(f => f.WasOn).Select(f => f.Field);

    /// <summary>The site may still be silenced by this run.</summary>
    public bool Pending => Phase != QuietPhase.Restored;
}
