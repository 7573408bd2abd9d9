namespace ImportPortal.Domain.Quiet;

/// <summary>Where a run's silencing of its site stands. Every phase but <see cref="Restored"/> means the site may still be silenced.</summary>
public enum QuietPhase
{
    /// <summary>The snapshot is kept; the changes are being made (or a crash stopped them part-way).</summary>
    Silencing,

    /// <summary>Flags off, rules disabled, sending suspended.</summary>
    Silenced,

    /// <summary>The originals are being put back (or the last attempt failed: see the error).</summary>
    Restoring,

    Restored,
}
