namespace ImportPortal.Domain.Migration;

/// <summary>What a finished record did on the site (a dry run says what it would have done).</summary>
public enum RecordResult
{
    None,
    Created,
    Updated,

    /// <summary>The document was already on the site and left as it was.</summary>
    Existing,
    WouldCreate,
    WouldUpdate,
}
