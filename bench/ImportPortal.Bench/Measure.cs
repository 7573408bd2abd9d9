using System.Diagnostics;

namespace ImportPortal.Bench;

/// <summary>Times a read: warm-ups first, then the median of the timed runs. Every run must return the same count.</summary>
internal static class Measure
{
    public const int WarmUps = 1;
    public const int Runs = 3;

    public static async Task<(TimeSpan Median, long Result)> MedianAsync(Func<Task<long>> run)
    {
        long? result = null;
        for (var i = 0; i < WarmUps; i++)
        {
            result = await run();
        }

        var times = new List<TimeSpan>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var value = await run();
            times.Add(watch.Elapsed);
            if (result is { } expected && value != expected)
            {
                throw new InvalidOperationException($"run {i + 1} returned {value}, the warm-up {expected}");
            }

            result = value;
        }

        times.Sort();
        return (times[times.Count / 2], result ?? 0);
    }
}
