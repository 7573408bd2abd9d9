namespace ImportPortal.Domain.Preflight;

/// <summary>The outcome of one preflight run against a site: one line per check, in the order they ran.</summary>
public sealed record PreflightReport(DateTimeOffset CheckedAt, IReadOnlyList<PreflightLine> Lines)
{
    /// <summary>The highest severity among the lines (Green when there are none).</summary>
    public PreflightSeverity Worst => Lines.Count == 0 ? PreflightSeverity.Green : Lines.Max(l => l.Severity);

    /// <summary>True when no line is Red.</summary>
    public bool CanImport => Lines.All(l => l.Severity != PreflightSeverity.Red);

    /// <summary>The line of a check, or null when the report has none for it.</summary>
    public PreflightLine? Line(string checkId) => Lines.FirstOrDefault(l => l.CheckId == checkId);
}
