using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Sources;
using ImportPortal.Mappings;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>Random preview rows: a uniform pick of N from a stream read once, never held whole.</summary>
public sealed class RowSampleTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_pick_has_n_distinct_items_in_stream_order()
    {
        var pick = await RowSample.TakeAsync(Numbers(10_000), 25, new Random(7), Ct);

        Assert.Equal(25, pick.Count);
        Assert.Equal(pick.Distinct().Count(), pick.Count);
        Assert.Equal(pick.Order(), pick);
    }

    [Fact]
    public async Task A_stream_shorter_than_n_is_returned_whole()
    {
        Assert.Equal([1, 2, 3], await RowSample.TakeAsync(Numbers(3), 10, new Random(1), Ct));
    }

    [Fact]
    public async Task Every_item_is_equally_likely_to_be_picked()
    {
        // 2,000 picks of 5 out of 50: each item is expected 200 times; a biased reservoir (e.g. one that favours
        // the head or the tail) lands far outside 130-270.
        var counts = new int[51];
        var random = new Random(2026);
        for (var i = 0; i < 2_000; i++)
        {
            foreach (var n in await RowSample.TakeAsync(Numbers(50), 5, random, Ct))
            {
                counts[n]++;
            }
        }

        Assert.All(counts.Skip(1), c => Assert.InRange(c, 130, 270));
        Assert.InRange(counts.Skip(1).Take(10).Sum(), 1_700, 2_300);
        Assert.InRange(counts.Skip(41).Sum(), 1_700, 2_300);
    }

    [Fact]
    public async Task The_stream_is_read_once_to_its_end_holding_at_most_n_items()
    {
        var source = new CountingStream(100_000);

        var pick = await RowSample.TakeAsync(source.ReadAsync(), 10, new Random(3), Ct);

        Assert.Equal(100_000, source.Read);
        Assert.Equal(10, pick.Count);
        Assert.Contains(pick, n => n > 50_000);
    }

    [Fact]
    public async Task A_random_preview_picks_n_rows_from_the_whole_file_and_a_seed_repeats_the_pick()
    {
        var request = new PreviewRequest(Guid.Empty, Guid.Empty, new Dictionary<string, TableBinding>(), FirstN: 4, Random: true, Seed: 11);

        var first = await Rows(MappingPreview.Pick(Records(1_000), request, Ct));
        var again = await Rows(MappingPreview.Pick(Records(1_000), request, Ct));
        var other = await Rows(MappingPreview.Pick(Records(1_000), request with { Seed = 12 }, Ct));
        var firstN = await Rows(MappingPreview.Pick(Records(1_000), request with { Random = false }, Ct));
        var byNumber = await Rows(MappingPreview.Pick(Records(1_000), request with { Rows = [500, 7] }, Ct));

        Assert.Equal(4, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual([2, 3, 4, 5], first);
        Assert.Equal([2, 3, 4, 5], firstN);
        Assert.Equal([7, 500], byNumber);
    }

    private static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.CompletedTask;
            yield return i;
        }
    }

    // Rows numbered as in a file with a header: data starts at row 2.
    private static async IAsyncEnumerable<SourceRecord> Records(int count)
    {
        var schema = new SourceSchema(["Ticket ID"]);
        for (var row = 2; row < count + 2; row++)
        {
            await Task.CompletedTask;
            yield return new SourceRecord(new SourceLocator("t.csv", row), schema, [new SourceValue(row.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }
    }

    private static async Task<List<long>> Rows(IAsyncEnumerable<SourceRecord> records)
    {
        var rows = new List<long>();
        await foreach (var record in records)
        {
            rows.Add(record.Locator.Row);
        }

        return rows;
    }

    private sealed class CountingStream(int count)
    {
        public int Read { get; private set; }

        public async IAsyncEnumerable<int> ReadAsync()
        {
            for (var i = 1; i <= count; i++)
            {
                await Task.CompletedTask;
                Read++;
                yield return i;
            }
        }
    }
}
