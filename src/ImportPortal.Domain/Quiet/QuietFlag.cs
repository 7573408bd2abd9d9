namespace ImportPortal.Domain.Quiet;

/// <summary>An HD Settings Check field as the snapshot found it; the run turns it off only when it was on.</summary>
public sealed record QuietFlag(string Field, bool WasOn);
