using System.Globalization;

namespace ImportPortal.Domain.Sources;

/// <summary>Builds problems with the Args in the order their resource texts expect.</summary>
internal static class Problems
{
    public static SourceProblem Warning(string code, string file, long? row, string? column, params string[] details) =>
        Make(code, ProblemSeverity.Warning, file, row, column, details);

    public static SourceProblem Error(string code, string file, long? row, string? column, params string[] details) =>
        Make(code, ProblemSeverity.Error, file, row, column, details);

    public static SourceFormatException Fatal(string code, string file, long? row, string? column, params string[] details) =>
        new(Error(code, file, row, column, details));

    public static SourceFormatException Fatal(Exception inner, string code, string file, long? row, string? column, params string[] details) =>
        new(Error(code, file, row, column, details), inner);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static SourceProblem Make(string code, ProblemSeverity severity, string file, long? row, string? column, string[] details)
    {
        var args = new List<string>(3 + details.Length) { file };
        if (row is { } r)
        {
            args.Add(Number(r));
        }

        if (column is not null)
        {
            args.Add(column);
        }

        args.AddRange(details);
        return new SourceProblem(code, file, row, column, args, severity);
    }
}
