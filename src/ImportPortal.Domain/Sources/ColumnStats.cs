namespace ImportPortal.Domain.Sources;

/// <summary>Running statistics of one column, in bounded memory whatever the row count.</summary>
internal sealed class ColumnStats(int maxSamples, int maxSampleChars)
{
    private readonly DistinctCounter distinct = new();
    private readonly List<string> samples = [];
    private readonly long[] typeCounts = new long[Enum.GetValues<ColumnType>().Length];

    public void Add(SourceValue value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        var text = value.Text ?? Convert.ToString(value.Typed, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        distinct.Add(text);
        typeCounts[(int)ValueClassifier.Classify(value)]++;
        if (samples.Count < maxSamples)
        {
            var sample = text.Length > maxSampleChars ? text[..maxSampleChars] + "…" : text;
            if (!samples.Contains(sample, StringComparer.Ordinal))
            {
                samples.Add(sample);
            }
        }
    }

    // Rows without the column at all (JSON, short rows) count as empty.
    public ColumnProfile ToProfile(string name, long rows) =>
        new(name, rows == 0 ? 0 : (double)(rows - typeCounts.Sum()) / rows, distinct.Estimate(), samples, DetectedType());

    // The type most values have, if nearly all do (95%); integers among decimals make a number column.
    private ColumnType DetectedType()
    {
        var total = typeCounts.Sum();
        if (total == 0)
        {
            return ColumnType.Empty;
        }

        var numeric = typeCounts[(int)ColumnType.WholeNumber] + typeCounts[(int)ColumnType.Number];
        if (typeCounts[(int)ColumnType.Number] > 0 && numeric >= total * 0.95)
        {
            return ColumnType.Number;
        }

        var top = Enum.GetValues<ColumnType>().MaxBy(t => typeCounts[(int)t]);
        return typeCounts[(int)top] >= total * 0.95 ? top : ColumnType.Text;
    }
}
