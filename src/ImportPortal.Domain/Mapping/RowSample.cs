namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Picks <c>count</c> items uniformly at random from a stream of unknown length in one pass, holding no more than
/// <c>count</c> of them (reservoir sampling, Algorithm R), so a preview can sample a file of millions of rows.
/// The pick comes back in stream order.
/// </summary>
public static class RowSample
{
    public static async Task<IReadOnlyList<T>> TakeAsync<T>(IAsyncEnumerable<T> items, int count, Random random, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var reservoir = new List<(long Seen, T Item)>(Math.Min(count, 1024));
        long seen = 0;
        await foreach (var item in items.WithCancellation(ct))
        {
            if (seen < count)
            {
                reservoir.Add((seen, item));
            }
            else if (random.NextInt64(seen + 1) is var slot && slot < count)
            {
                // Item number seen+1 stays with probability count/(seen+1), replacing one kept item at random.
                reservoir[(int)slot] = (seen, item);
            }

            seen++;
        }

        return reservoir.OrderBy(r => r.Seen).Select(r => r.Item).ToList();
    }
}
