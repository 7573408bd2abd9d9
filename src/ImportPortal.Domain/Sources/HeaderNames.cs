using System.Globalization;
using System.Text;

namespace ImportPortal.Domain.Sources;

/// <summary>Turns raw header cells into unique column names, reporting each empty or repeated header.</summary>
internal static class HeaderNames
{
    public static List<string> MakeUnique(IReadOnlyList<string?> raw, string file, SourceProblemLog problems)
    {
        var names = new List<string>(raw.Count);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.Count; i++)
        {
            // Composed (NFC) so a Windows-1258 "Họ tên" is the same header as a UTF-8 one.
            var name = raw[i]?.Trim().Normalize(NormalizationForm.FormC) ?? "";
            if (name.Length == 0)
            {
                name = Unused(taken, string.Create(CultureInfo.InvariantCulture, $"Column {i + 1}"));
                problems.Report(Problems.Warning(SourceProblemCodes.EmptyHeader, file, 1, name, Problems.Number(i + 1)));
            }
            else if (taken.Contains(name))
            {
                var renamed = Unused(taken, name);
                problems.Report(Problems.Warning(SourceProblemCodes.DuplicateHeader, file, 1, name, renamed));
                name = renamed;
            }

            taken.Add(name);
            names.Add(name);
        }

        return names;
    }

    private static string Unused(HashSet<string> taken, string name)
    {
        if (!taken.Contains(name))
        {
            return name;
        }

        for (var n = 2; ; n++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{name} ({n})");
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
