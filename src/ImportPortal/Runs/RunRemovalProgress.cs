namespace ImportPortal.Runs;

/// <summary>How taking a run back off its site goes: pushed by its job after every batch, read from the run's row by a page that opens later.</summary>
public sealed record RunRemovalProgress(Guid RunId, long Total, long Removed, long Kept, long Failed, bool Finished, string? Error)
{
    public long Done => Removed + Kept + Failed;

    public double Fraction => Total <= 0 ? (Finished ? 1 : 0) : Math.Min(1, (double)Done / Total);
}

/// <summary>A document the removal left on the site, and why (or what the site answered).</summary>
public sealed record RemovalLine(
    long RecordId, Domain.Mapping.EntityKind Entity, string Doctype, string SourceKey, string? FrappeName,
    Domain.Migration.RemovalOutcome Outcome, Domain.Migration.RemovalReason? Reason, string? Note);

/// <summary>What the dashboard shows of a run's removal: null fields while it was never asked for.</summary>
public sealed record RunRemovalView(
    long Creatable,
    DateTimeOffset? RequestedAt,
    string? RequestedBy,
    bool IncludesChanged,
    DateTimeOffset? FinishedAt,
    string? Error,
    RunRemovalProgress Progress,
    IReadOnlyList<RemovalLine> Left,
    string? ErrorText = null)
{
    /// <summary>Why the removal stopped, in the reader's language when it is the portal's sentence; the site's words as it sent them.</summary>
    public string? ErrorShown => PortalTexts.ForReader(ErrorText, Error);

    public bool Asked => RequestedAt is not null;

    public bool Running => RequestedAt is not null && FinishedAt is null;
}
