namespace ImportPortal.Runs;

/// <summary>How a check of the site goes: pushed by its job after every batch, read from the run's row by a page that opens later.</summary>
public sealed record RunCheckProgress(Guid RunId, long Total, long Done, long Missing, bool Finished, string? Error)
{
    public double Fraction => Total <= 0 ? (Finished ? 1 : 0) : Math.Min(1, (double)Done / Total);
}

/// <summary>A document the run wrote that the site no longer has, or a message it has on no ticket.</summary>
public sealed record MissingLine(long RecordId, Domain.Mapping.EntityKind Entity, string Doctype, string SourceKey, string? FrappeName, string Table, long Row, bool Detached);

/// <summary>What the dashboard shows of a run's check of the site: null fields while it was never asked for.</summary>
public sealed record RunCheckView(
    DateTimeOffset? RequestedAt,
    string? RequestedBy,
    DateTimeOffset? FinishedAt,
    string? Error,
    RunCheckProgress Progress,
    IReadOnlyList<(string Doctype, long Count)> MissingByDoctype,
    IReadOnlyList<MissingLine> Missing,
    string? ErrorText = null)
{
    /// <summary>Why the check stopped, in the reader's language when it is the portal's sentence; the site's words as it sent them.</summary>
    public string? ErrorShown => PortalTexts.ForReader(ErrorText, Error);

    public bool Asked => RequestedAt is not null;

    public bool Running => RequestedAt is not null && FinishedAt is null;

    /// <summary>Missing documents not handed back to the run yet (those are listed): what "create them again" would send.</summary>
    public long MissingLeft => MissingByDoctype.Sum(d => d.Count);
}
