namespace ImportPortal.Domain.Sources;

/// <summary>A warning leaves the source readable (a header renamed, a short row); an error stops the read.</summary>
public enum ProblemSeverity
{
    Warning,
    Error,
}
