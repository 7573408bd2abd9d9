namespace ImportPortal.Domain.Migration;

/// <summary>What one answered request tells the limiter about the site.</summary>
public enum PaceSignal
{
    /// <summary>Answered normally (success or a data error: the site coped).</summary>
    Ok,

    /// <summary>429: the site asks us to slow down.</summary>
    RateLimited,

    /// <summary>5xx, proxy page, timeout: the site is struggling.</summary>
    Overloaded,
}
