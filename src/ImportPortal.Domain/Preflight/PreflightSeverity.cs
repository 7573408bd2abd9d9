namespace ImportPortal.Domain.Preflight;

/// <summary>How a preflight finding weighs on the import: ordered, so the worst line is the highest value.</summary>
public enum PreflightSeverity
{
    /// <summary>Nothing to do.</summary>
    Green,

    /// <summary>The import can run, but the operator should look at this first.</summary>
    Amber,

    /// <summary>The import must not run until this is fixed.</summary>
    Red,
}
