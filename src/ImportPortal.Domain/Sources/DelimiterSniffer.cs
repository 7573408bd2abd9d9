namespace ImportPortal.Domain.Sources;

/// <summary>
/// Picks the delimiter that splits the first records most consistently: for each candidate, the count outside
/// quotes on each record; the winner has the same non-zero count on the most records (then the larger count,
/// then the order , ; tab |).
/// </summary>
internal static class DelimiterSniffer
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static char Detect(string text, bool isComplete, int maxRecords = 50)
    {
        var counts = CountPerRecord(text, isComplete, maxRecords);
        if (counts.Count == 0)
        {
            return ',';
        }

        var best = ',';
        (double Share, int Mode) bestScore = (0, 0);
        for (var c = 0; c < Candidates.Length; c++)
        {
            var perRecord = counts.Select(r => r[c]).ToList();
            var mode = perRecord.Where(n => n > 0).GroupBy(n => n).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key)
                .Select(g => g.Key).FirstOrDefault();
            if (mode == 0)
            {
                continue;
            }

            var share = perRecord.Count(n => n == mode) / (double)perRecord.Count;
            if (share > bestScore.Share || (share.Equals(bestScore.Share) && mode > bestScore.Mode))
            {
                (best, bestScore) = (Candidates[c], (share, mode));
            }
        }

        return best;
    }

    private static List<int[]> CountPerRecord(string text, bool isComplete, int maxRecords)
    {
        var records = new List<int[]>();
        var current = new int[Candidates.Length];
        var inQuotes = false;
        var any = false;
        for (var i = 0; i < text.Length && records.Count < maxRecords; i++)
        {
            var ch = text[i];
            if (ch == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && ch is '\n' or '\r')
            {
                if (any)
                {
                    records.Add(current);
                }

                (current, any) = (new int[Candidates.Length], false);
                continue;
            }
            else if (!inQuotes && Array.IndexOf(Candidates, ch) is var k and >= 0)
            {
                current[k]++;
            }

            any = true;
        }

        // The last record of a cut prefix is incomplete; it counts only for a whole file or when it is all there is.
        if (any && (isComplete || records.Count == 0) && records.Count < maxRecords)
        {
            records.Add(current);
        }

        return records;
    }
}
