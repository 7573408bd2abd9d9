namespace ImportPortal.Domain.Sources;

/// <summary>
/// Collects the warnings of one read. It keeps the first <see cref="MaxKept"/> problems and counts the rest by
/// code, so a file with a million short rows cannot fill the memory with warnings.
/// </summary>
public sealed class SourceProblemLog(int maxKept = 1000)
{
    private readonly List<SourceProblem> kept = [];
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

    public int MaxKept { get; } = maxKept;

    public IReadOnlyList<SourceProblem> Items => kept;

    /// <summary>How many problems were reported, kept or not.</summary>
    public long Total { get; private set; }

    public IReadOnlyDictionary<string, long> CountByCode => counts;

    public void Report(SourceProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Total++;
        counts[problem.Code] = counts.GetValueOrDefault(problem.Code) + 1;
        if (kept.Count < MaxKept)
        {
            kept.Add(problem);
        }
    }

    public void ReportAll(IEnumerable<SourceProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            Report(problem);
        }
    }
}
