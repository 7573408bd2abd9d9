using System.Text;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Tests.Unit.Sources;

public sealed class SourceSnifferTests
{
    private const string Vietnamese = "Họ tên,Ghi chú\nNguyễn Văn Anh,Hỗ trợ khách hàng\nTrần Thị Bình,Đã giải quyết xong\n";

    [Fact]
    public async Task Utf8_with_and_without_bom_is_utf8()
    {
        var withBom = await SourceTestRead.SniffAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Vietnamese)], "a.csv");
        var without = await SourceTestRead.SniffAsync(Encoding.UTF8.GetBytes(Vietnamese), "a.csv");

        Assert.Equal(("utf-8", true, SourceFileKind.Csv), (withBom.EncodingName, withBom.HasBom, withBom.Kind));
        Assert.Equal(("utf-8", false), (without.EncodingName, without.HasBom));
        Assert.Empty(without.Problems);
    }

    [Theory]
    [InlineData("utf-16", true)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-16", false)]
    [InlineData("utf-16BE", false)]
    public async Task Utf16_is_found_with_or_without_a_byte_order_mark(string encodingName, bool bom)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        byte[] bytes = [.. bom ? encoding.GetPreamble() : [], .. encoding.GetBytes(Vietnamese)];

        var (reader, records) = await SourceTestRead.ReadAsync(bytes, "u16.csv");

        Assert.Equal(encodingName, reader.Format.EncodingName);
        Assert.Equal("Nguyễn Văn Anh", records[0]["Họ tên"].Text);
    }

    [Fact]
    public async Task Vietnamese_windows_1258_is_told_from_windows_1252_and_composed_when_read()
    {
        var bytes = Windows1258.Encode(Vietnamese);

        var (reader, records) = await SourceTestRead.ReadAsync(bytes, "khach-hang.csv");

        Assert.Equal("windows-1258", reader.Format.EncodingName);
        Assert.Equal("Nguyễn Văn Anh", records[0]["Họ tên"].Text);
        Assert.Equal("Hỗ trợ khách hàng", records[0]["Ghi chú"].Text);
        Assert.Contains(reader.Format.Problems, p => p.Code == SourceProblemCodes.EncodingGuessed && p.Args[1] == "windows-1258");
    }

    [Fact]
    public async Task Western_windows_1252_text_stays_windows_1252()
    {
        SourceEncodings.EnsureCodePages();
        var bytes = Encoding.GetEncoding(1252).GetBytes("Name,City\nJosé Müller,São Paulo\nFrançoise Lefèvre,Zürich\nRenée Côté,Québec\n");

        var (reader, records) = await SourceTestRead.ReadAsync(bytes, "w.csv");

        Assert.Equal("windows-1252", reader.Format.EncodingName);
        Assert.Equal("São Paulo", records[0]["City"].Text);
    }

    [Fact]
    public async Task A_manual_encoding_wins_over_detection()
    {
        var bytes = Windows1258.Encode(Vietnamese);

        var format = await SourceTestRead.SniffAsync(bytes, "a.csv", new SniffOverrides(EncodingName: "windows-1252"));

        Assert.Equal("windows-1252", format.EncodingName);
    }

    [Fact]
    public async Task An_unknown_manual_encoding_is_refused_by_name()
    {
        var format = await SourceTestRead.SniffAsync(SourceTestRead.Utf8("a\n1\n"), "a.csv", new SniffOverrides(EncodingName: "klingon-9"));

        Assert.Equal(SourceProblemCodes.UnknownEncoding, format.Error!.Code);
        Assert.Equal(["a.csv", "klingon-9"], format.Error.Args);
    }

    [Fact]
    public async Task A_delimiter_inside_quotes_does_not_count()
    {
        var text = "a;b\n\"1,2,3,4\";x\n\"5,6,7,8\";y\n";

        var format = await SourceTestRead.SniffAsync(SourceTestRead.Utf8(text), "a.csv");

        Assert.Equal(';', format.Delimiter);
    }

    [Theory]
    [InlineData("[{\"id\":1},{\"id\":2}]", SourceFileKind.Json)]
    [InlineData("  {\"tickets\":[{\"id\":1}]}", SourceFileKind.Json)]
    [InlineData("{\"id\":1}\n{\"id\":2}\n", SourceFileKind.Ndjson)]
    [InlineData("id,name\n1,a\n", SourceFileKind.Csv)]
    public async Task Json_and_ndjson_are_told_apart_by_content(string text, SourceFileKind kind)
    {
        var format = await SourceTestRead.SniffAsync(SourceTestRead.Utf8(text), "upload.txt");

        Assert.Equal(kind, format.Kind);
    }

    [Fact]
    public async Task A_content_that_disagrees_with_the_extension_is_read_by_content_with_a_warning()
    {
        var format = await SourceTestRead.SniffAsync(SourceTestRead.Utf8("[{\"id\":1}]"), "tickets.csv");

        Assert.Equal(SourceFileKind.Json, format.Kind);
        var warning = Assert.Single(format.Problems);
        Assert.Equal((SourceProblemCodes.ExtensionMismatch, ProblemSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Equal(["tickets.csv", "JSON"], warning.Args);
    }

    [Fact]
    public async Task Only_a_bounded_prefix_is_read()
    {
        var bytes = new byte[10 * SourceSniffer.PrefixBytes];
        "a,b\n"u8.CopyTo(bytes);
        var stream = new MemoryStream(bytes);

        await SourceSniffer.SniffAsync(stream, "big.csv", null, TestContext.Current.CancellationToken);

        Assert.Equal(SourceSniffer.PrefixBytes, stream.Position);
    }
}
