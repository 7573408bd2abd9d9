namespace ImportPortal.Domain.Sources;

/// <summary>A source that cannot be read any further; <see cref="Problem"/> says why, in the operator's words.</summary>
public sealed class SourceFormatException : Exception
{
    public SourceFormatException()
        : this(new SourceProblem("Source.Unreadable", "", null, null, [""], ProblemSeverity.Error))
    {
    }

    public SourceFormatException(string message)
        : this(new SourceProblem("Source.Unreadable", "", null, null, [""], ProblemSeverity.Error), message)
    {
    }

    public SourceFormatException(string message, Exception innerException)
        : base(message, innerException) =>
        Problem = new SourceProblem("Source.Unreadable", "", null, null, [""], ProblemSeverity.Error);

    public SourceFormatException(SourceProblem problem, Exception? innerException = null)
        : this(problem, problem?.ToString() ?? "", innerException)
    {
    }

    private SourceFormatException(SourceProblem problem, string message, Exception? innerException = null)
        : base(message, innerException) => Problem = problem;

    public SourceProblem Problem { get; }
}
