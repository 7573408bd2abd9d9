namespace ImportPortal.Domain.Sources;

/// <summary>
/// A rule that recognises a kind of source by its headers: every required header must be present; the score is
/// the weighted share of required (weight 2) and optional (weight 1) headers found, and must reach
/// <see cref="MinScore"/>. Headers compare without case, spaces, hyphens or underscores.
/// </summary>
public sealed record HeaderSignature(SourceKind Kind, IReadOnlyList<string> Required, IReadOnlyList<string> Optional, double MinScore = 0.3)
{
    public double Score(IReadOnlySet<string> normalizedHeaders)
    {
        ArgumentNullException.ThrowIfNull(normalizedHeaders);
        if (!Required.All(h => normalizedHeaders.Contains(Normalize(h))))
        {
            return 0;
        }

        var found = Required.Count * 2 + Optional.Count(h => normalizedHeaders.Contains(Normalize(h)));
        return found / (double)(Required.Count * 2 + Optional.Count);
    }

    public static string Normalize(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new string([.. header.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_')).Select(char.ToLowerInvariant)]);
    }
}
