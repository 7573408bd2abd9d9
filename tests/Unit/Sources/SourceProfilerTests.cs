using ImportPortal.Domain.Sources;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Sources;

public sealed class SourceProfilerTests
{
    [Fact]
    public async Task Columns_get_empty_share_distinct_estimate_samples_and_type()
    {
        var reader = await SourceTestRead.OpenAsync(FreshdeskSampleWriter.TicketCsv(2000), "tickets.csv");

        var profile = await SourceProfiler.ProfileAsync(reader, null, TestContext.Current.CancellationToken);

        var byName = profile.Columns.ToDictionary(c => c.Name);
        Assert.Equal(2000, profile.Rows);
        Assert.Equal(ColumnType.WholeNumber, byName["Ticket ID"].DetectedType);
        Assert.InRange(byName["Ticket ID"].DistinctEstimate, 1900, 2100);
        Assert.Equal(ColumnType.Email, byName["Requester email"].DetectedType);
        Assert.Equal(ColumnType.Phone, byName["Requester phone"].DetectedType);
        Assert.Equal(ColumnType.DateTime, byName["Created time"].DetectedType);
        Assert.Equal(ColumnType.Text, byName["Subject"].DetectedType);
        Assert.Equal(4, byName["Status"].DistinctEstimate);
        Assert.Equal(["Open", "Pending", "Resolved", "Closed"], byName["Status"].Samples);
        Assert.Equal(0.5, byName["Resolved time"].EmptyShare);
        Assert.Equal(0.75, byName["Closed time"].EmptyShare, 3);
    }

    [Fact]
    public async Task Html_numbers_booleans_and_child_rows_are_profiled_from_json()
    {
        var json = """[{"id": 1, "score": 1.5, "ok": true, "body": "<p>Chào <b>anh</b></p>", "notes": [{"id": 1}, {"id": 2}]}, {"id": 2, "score": 2, "ok": false, "body": "<div>x</div>"}]""";
        var reader = await SourceTestRead.OpenAsync(SourceTestRead.Utf8(json), "t.json");

        var profile = await SourceProfiler.ProfileAsync(reader, null, TestContext.Current.CancellationToken);

        var byName = profile.Columns.ToDictionary(c => c.Name, c => c.DetectedType);
        Assert.Equal(ColumnType.Number, byName["score"]);
        Assert.Equal(ColumnType.Boolean, byName["ok"]);
        Assert.Equal(ColumnType.Html, byName["body"]);
        Assert.Equal(2, profile.ChildRows["notes"]);
    }

    [Fact]
    public async Task Progress_reports_bytes_up_to_the_file_size()
    {
        var bytes = FreshdeskSampleWriter.TicketCsv(5000);
        var reader = await SourceTestRead.OpenAsync(bytes, "tickets.csv");
        var reports = new List<long>();

        await SourceProfiler.ProfileAsync(reader, new SyncProgress(reports.Add), TestContext.Current.CancellationToken);

        Assert.True(reports.Count >= 4, $"only {reports.Count} progress reports");
        Assert.Equal(bytes.Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task Samples_and_distinct_sets_stay_bounded_on_many_distinct_long_values()
    {
        var rows = Enumerable.Range(0, 20_000).Select(i => $"{i},{new string((char)('a' + i % 26), 500)}{i}");
        var reader = await SourceTestRead.OpenAsync(SourceTestRead.Utf8("id,text\n" + string.Join("\n", rows)), "wide.csv");

        var profile = await SourceProfiler.ProfileAsync(reader, null, TestContext.Current.CancellationToken);

        var text = profile.Columns[1];
        Assert.Equal(SourceProfiler.MaxSamples, text.Samples.Count);
        Assert.All(text.Samples, s => Assert.True(s.Length <= SourceProfiler.MaxSampleChars + 1));
        Assert.InRange(text.DistinctEstimate, 19_000, 21_000);
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
