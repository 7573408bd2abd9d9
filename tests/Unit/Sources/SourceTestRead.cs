using ImportPortal.Domain.Sources;

namespace ImportPortal.Tests.Unit.Sources;

/// <summary>Sniffs and reads in-memory uploads the way the portal reads stored ones.</summary>
internal static class SourceTestRead
{
    public static Task<SourceFormat> SniffAsync(byte[] bytes, string name, SniffOverrides? overrides = null) =>
        SourceSniffer.SniffAsync(new MemoryStream(bytes, writable: false), name, overrides, TestContext.Current.CancellationToken);

    public static async Task<ISourceReader> OpenAsync(byte[] bytes, string name, SourceReadOptions? options = null, SniffOverrides? overrides = null)
    {
        var format = await SniffAsync(bytes, name, overrides);
        return await SourceReaderFactory.OpenAsync(format, () => new MemoryStream(bytes, writable: false), options, TestContext.Current.CancellationToken);
    }

    public static async Task<List<SourceRecord>> AllAsync(ISourceReader reader)
    {
        var records = new List<SourceRecord>();
        await foreach (var record in reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    public static async Task<(ISourceReader Reader, List<SourceRecord> Records)> ReadAsync(
        byte[] bytes, string name, SourceReadOptions? options = null, SniffOverrides? overrides = null)
    {
        var reader = await OpenAsync(bytes, name, options, overrides);
        return (reader, await AllAsync(reader));
    }

    /// <summary>The problem that stopped the read, whether at sniffing, opening or reading.</summary>
    public static async Task<SourceProblem> FailureAsync(byte[] bytes, string name, SourceReadOptions? options = null)
    {
        var ex = await Assert.ThrowsAsync<SourceFormatException>(() => ReadAsync(bytes, name, options));
        return ex.Problem;
    }

    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
