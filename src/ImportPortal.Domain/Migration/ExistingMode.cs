namespace ImportPortal.Domain.Migration;

/// <summary>What a run does with a record whose document is already on the site (from the ledger or a lookup).</summary>
public enum ExistingMode
{
    /// <summary>Leave the document as it is; the record counts as skipped.</summary>
    Skip,

    /// <summary>PUT the mapped fields onto the existing document.</summary>
    Update,
}
