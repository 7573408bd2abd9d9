namespace ImportPortal.Runs;

/// <summary>
/// The ledger: this source key of this doctype is that Frappe document on that site. It outlives runs; it is what
/// makes a re-run, a retry or a second upload of the same export create nothing twice.
/// </summary>
public sealed class IdMapEntry
{
    public long Id { get; set; }

    public Guid SiteId { get; set; }

    public required string Doctype { get; set; }

    public required string SourceKey { get; set; }

    public required string FrappeName { get; set; }

    /// <summary>True when the portal created the document; false when it adopted one already there.</summary>
    public bool Created { get; set; }

    public Guid FirstRunId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
