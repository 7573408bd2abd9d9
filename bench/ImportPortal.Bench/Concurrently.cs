namespace ImportPortal.Bench;

internal static class Concurrently
{
    /// <summary>Runs <paramref name="each"/> for every item, <paramref name="workers"/> at a time, each worker taking the next item as it finishes one.</summary>
    public static Task ForEachAsync<T>(IReadOnlyList<T> items, int workers, Func<T, Task> each)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                await each(items[i]);
            }
        }));
    }
}
