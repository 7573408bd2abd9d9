using System.Text;

namespace ImportPortal.Domain.Sources;

/// <summary>The checks every text cell passes: NUL characters removed, length capped, Vietnamese tones composed.</summary>
internal sealed class CellText(string file, SourceProblemLog problems, int maxChars, bool compose)
{
    public string Clean(string value, long row, string column)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            value = value.Replace("\0", "", StringComparison.Ordinal);
            problems.Report(Problems.Warning(SourceProblemCodes.NulRemoved, file, row, column));
        }

        if (value.Length > maxChars)
        {
            value = value[..maxChars];
            problems.Report(Problems.Warning(SourceProblemCodes.CellTruncated, file, row, column, Problems.Number(maxChars)));
        }

        // Windows-1258 decodes tones as combining marks; compose them so "Nguyễn" matches everywhere else.
        return compose && !value.IsNormalized(NormalizationForm.FormC) ? value.Normalize(NormalizationForm.FormC) : value;
    }
}
