namespace ImportPortal.Runs;

/// <summary>
/// One import of bound uploads into a site with a profile. The profile is copied in when the run starts, so
/// editing the profile later does not change a run. The lease says which job works on it, until when.
/// </summary>
public sealed class ImportRun
{
    public Guid Id { get; set; }

    /// <summary>A short number the operators can say out loud ("run 12").</summary>
    public int Number { get; set; }

    public Guid SiteId { get; set; }

    public required string SiteName { get; set; }

    public Guid ProfileId { get; set; }

    public required string ProfileName { get; set; }

    /// <summary>The profile as it was when the run started (JSON).</summary>
    public required string ProfileJson { get; set; }

    /// <summary>Profile table to upload (and table of it), as JSON.</summary>
    public required string BindingsJson { get; set; }

    public required string OptionsJson { get; set; }

    public RunState State { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the run last stopped as Paused; null while it is not paused.</summary>
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>
    /// The run's <see cref="RunOptions.SendFrom"/> while it has not started sending: its job plans it, then pauses it
    /// until then. Cleared when it is resumed, paused or cancelled by hand, or sends.
    /// </summary>
    public DateTimeOffset? WaitsUntil { get; set; }

    /// <summary>
    /// The operator resumed or retried it by hand: it sends now even outside its window (<see cref="RunOptions.Window"/>),
    /// until the window next closes.
    /// </summary>
    public bool SendsNow { get; set; }

    /// <summary>
    /// Resumed by hand outside its window to send only until then (<see cref="RunService.ResumeUntilAsync"/>): at that
    /// moment it pauses and waits for the window, as at the window's close. Cleared by any other command and when reached.
    /// </summary>
    public DateTimeOffset? SendsUntil { get; set; }

    /// <summary>When every record was planned into the database; null while planning.</summary>
    public DateTimeOffset? PlannedAt { get; set; }

    public double PlanProgress { get; set; }

    public long RecordCount { get; set; }

    /// <summary>The source records no entity of the profile took (spam, deleted), as planning counted them: JSON of <c>LeftOutTally</c>; null when none.</summary>
    public string? LeftOutJson { get; set; }

    /// <summary>Why the run failed as a whole (site unreachable, profile no longer compiles...).</summary>
    public string? Error { get; set; }

    /// <summary>The portal's sentence behind <see cref="Error"/> (<see cref="PortalTextJson"/>), shown in the reader's language; null when the error is the site's.</summary>
    public string? ErrorText { get; set; }

    /// <summary>The <see cref="Error"/> was the portal's own (its database refused a write, a defect), not the site's or the source's.</summary>
    public bool ErrorInPortal { get; set; }

    public string? CurrentStage { get; set; }

    public Guid? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>What the run silenced on its site and how putting it back went (<see cref="Domain.Quiet.SiteQuietState"/> as JSON); null when it touched nothing.</summary>
    public string? QuietJson { get; set; }

    /// <summary>Recent throughput samples (JSON), so the chart survives a reload.</summary>
    public string? ThroughputJson { get; set; }

    /// <summary>
    /// When an operator deleted the run: it is gone from every page at once, a job then removes its records and their
    /// attempts. The row stays, so its number is never given to another run and the audit log still reads.
    /// </summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>When an operator asked to take back off the site what the run created; null when never asked.</summary>
    public DateTimeOffset? RemovalRequestedAt { get; set; }

    public string? RemovalRequestedBy { get; set; }

    /// <summary>Also delete documents someone changed since the run (the operator's choice when asking).</summary>
    public bool RemovalIncludesChanged { get; set; }

    /// <summary>A removal is asked for and its job has not ended it: the run's other commands wait.</summary>
    public bool RemovalUnderWay => RemovalRequestedAt is not null && RemovalFinishedAt is null;

    /// <summary>When the removal last ended; null while it is asked for and not done.</summary>
    public DateTimeOffset? RemovalFinishedAt { get; set; }

    /// <summary>Why the removal stopped before its end (the site unreachable, the key refused).</summary>
    public string? RemovalError { get; set; }

    /// <summary><see cref="RemovalError"/> as the portal's sentence (<see cref="Domain.Migration.PortalTextJson"/>), when it is the portal's own.</summary>
    public string? RemovalErrorText { get; set; }

    /// <summary>The documents the run created when the removal was first asked for, and what became of them so far (kept with the records' outcomes, in the same transactions).</summary>
    public long RemovalTotal { get; set; }

    public long RemovalRemoved { get; set; }

    public long RemovalKept { get; set; }

    public long RemovalFailed { get; set; }

    /// <summary>When an operator asked to check that the site still has every document the run wrote; null when never asked.</summary>
    public DateTimeOffset? CheckRequestedAt { get; set; }

    public string? CheckRequestedBy { get; set; }

    /// <summary>When the check last ended; null while it is asked for and not done.</summary>
    public DateTimeOffset? CheckFinishedAt { get; set; }

    /// <summary>A check is asked for and its job has not ended it: the run's other commands wait.</summary>
    public bool CheckUnderWay => CheckRequestedAt is not null && CheckFinishedAt is null;

    /// <summary>Why the check stopped before its end (the site unreachable, the key refused).</summary>
    public string? CheckError { get; set; }

    /// <summary><see cref="CheckError"/> as the portal's sentence (<see cref="Domain.Migration.PortalTextJson"/>), when it is the portal's own.</summary>
    public string? CheckErrorText { get; set; }

    /// <summary>The documents to look for, how many were looked for so far, and how many the site did not have.</summary>
    public long CheckTotal { get; set; }

    public long CheckDone { get; set; }

    public long CheckMissing { get; set; }
}
