using System.Text;
using ImportPortal.Domain.Sources;
using ImportPortal.TestData;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Sources;

/// <summary>
/// The malformed and hostile uploads every reader must survive: small ones are committed under
/// tests/Unit/Fixtures/Sources/bad, large or archive-shaped ones are built here.
/// </summary>
internal static class BadInputCorpus
{
    private const ProblemSeverity Warning = ProblemSeverity.Warning;

    private static readonly SourceReadOptions SmallZipLimits = new(Zip: new ZipLimits(MaxEntries: 20, MaxTotalBytes: 64 * 1024));

    public static IReadOnlyList<BadInput> All { get; } =
    [
        Fixture("empty.csv", SourceProblemCodes.Empty),
        Fixture("bom-only.csv", SourceProblemCodes.Empty),
        Fixture("blank-lines.csv", SourceProblemCodes.Empty),
        Fixture("header-only.csv", SourceProblemCodes.NoRows, Warning),
        Fixture("binary-junk.csv", SourceProblemCodes.Binary),
        Fixture("not-a-zip.xlsx", SourceProblemCodes.Binary),
        Fixture("text-named.xlsx", SourceProblemCodes.ExtensionMismatch, Warning),
        Fixture("truncated-zip.xlsx", SourceProblemCodes.XlsxCorrupt),
        Fixture("corrupt.zip", SourceProblemCodes.ZipCorrupt),
        Fixture("unclosed-quote.csv", SourceProblemCodes.UnclosedQuote, Row: 3, Column: "Description"),
        Fixture("stray-quote.csv", SourceProblemCodes.BadQuote, Row: 3, Column: "Subject"),
        Fixture("ragged.csv", SourceProblemCodes.RaggedRow, Warning, Row: 3),
        Fixture("duplicate-headers.csv", SourceProblemCodes.DuplicateHeader, Warning, Row: 1, Column: "Email"),
        Fixture("empty-header.csv", SourceProblemCodes.EmptyHeader, Warning, Row: 1, Column: "Column 2"),
        Fixture("nul-bytes.csv", SourceProblemCodes.NulRemoved, Warning, Row: 2, Column: "Subject"),
        Fixture("utf16le-no-bom.csv", SourceProblemCodes.EncodingGuessed, Warning) with { FirstValue = "Nguyễn Văn Anh" },
        Fixture("utf16be-bom.csv", null, FirstValue: "Nguyễn Văn Anh"),
        Fixture("windows-1258.csv", SourceProblemCodes.EncodingGuessed, Warning) with { FirstValue = "Nguyễn Văn Anh" },
        Fixture("truncated.json", SourceProblemCodes.JsonInvalid),
        Fixture("truncated.ndjson", SourceProblemCodes.JsonInvalid),
        Fixture("invalid.json", SourceProblemCodes.JsonInvalid),
        Fixture("scalars.json", SourceProblemCodes.JsonNotRecords),
        Fixture("object-without-lists.json", SourceProblemCodes.JsonNotRecords),
        new("ten-thousand-columns.csv", () => Columns(10_000), null, FirstValue: "v0"),
        new("twenty-thousand-columns.csv", () => Columns(20_000), SourceProblemCodes.TooManyColumns),
        new("five-mb-cell.csv", FiveMegabyteCell, SourceProblemCodes.CellTruncated, Warning, Row: 2, Column: "Description"),
        new("runaway-quote.csv", RunawayQuote, SourceProblemCodes.RecordTooLarge, Row: 3, Options: new SourceReadOptions(MaxRecordChars: 1 << 20)),
        new("deep.json", () => Encoding.UTF8.GetBytes("[" + string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000) + "]"), SourceProblemCodes.JsonTooDeep),
        new("huge-record.json", () => Encoding.UTF8.GetBytes($$"""[{"body": "{{new string('x', 3 << 20)}}"}]"""), SourceProblemCodes.JsonRecordTooLarge, Row: 1, Options: new SourceReadOptions(MaxRecordChars: 1 << 20)),
        new("xml-external-entity.zip", () => ZipBuilder.Build(("Tickets1.xml", """<?xml version="1.0"?><!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><helpdesk-tickets><helpdesk-ticket><subject>&xxe;</subject></helpdesk-ticket></helpdesk-tickets>""")), SourceProblemCodes.XmlDtdProhibited),
        new("xml-entity-expansion.zip", () => ZipBuilder.Build(("Tickets1.xml", BillionLaughs)), SourceProblemCodes.XmlDtdProhibited),
        new("truncated-xml.zip", () => ZipBuilder.Build(("Tickets1.xml", "<helpdesk-tickets><helpdesk-ticket><subject>Hỗ trợ</subject></helpdesk-ticket><helpdesk-ticket><subj")), SourceProblemCodes.XmlInvalid),
        new("zip-slip.zip", () => ZipBuilder.Build(("../../x", "owned"), ("Tickets1.xml", "<t><helpdesk-ticket><id>1</id></helpdesk-ticket></t>")), SourceProblemCodes.ZipUnsafeEntryName, Warning, FirstValue: "1"),
        new("zip-slip-tickets.zip", () => ZipBuilder.Build(("../../Tickets1.xml", "<t><helpdesk-ticket><id>666</id></helpdesk-ticket></t>"), ("/etc/Users1.xml", "<u/>"), ("..\\Groups.xml", "<g/>"), ("Tickets2.xml", "<t><helpdesk-ticket><id>2</id></helpdesk-ticket></t>")), SourceProblemCodes.ZipUnsafeEntryName, Warning, FirstValue: "2"),
        new("zip-ratio-bomb.zip", () => ZipBuilder.Build(("Tickets1.xml", "<t><helpdesk-ticket><body>" + new string(' ', 5 << 20) + "</body></helpdesk-ticket></t>")), SourceProblemCodes.ZipRatioTooHigh),
        new("zip-lying-sizes.zip", LyingSizes, SourceProblemCodes.XmlInvalid),
        new("zip-too-large.zip", () => FreshdeskSampleWriter.AccountExportZip(400), SourceProblemCodes.ZipTooLarge, Options: SmallZipLimits),
        new("zip-too-many-entries.zip", () => ZipBuilder.Build([.. Enumerable.Range(1, 30).Select(i => ($"Tickets{i}.xml", "<t/>"))]), SourceProblemCodes.ZipTooManyEntries, Options: SmallZipLimits),
        new("zip-without-freshdesk.zip", () => ZipBuilder.Build(("readme.txt", "hello"), ("Solutions.xml", "<s/>")), SourceProblemCodes.ZipNoFreshdeskFiles),
        new("xlsx-bomb.xlsx", () => XlsxSampleWriter.Workbook(("Sheet1", [["Header"], [new string('a', 4 << 20)]])), SourceProblemCodes.ZipRatioTooHigh),
    ];

    private static string BillionLaughs =>
        """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><helpdesk-tickets><helpdesk-ticket><subject>&lol4;</subject></helpdesk-ticket></helpdesk-tickets>""";

    private static BadInput Fixture(string name, string? code, ProblemSeverity severity = ProblemSeverity.Error, long? Row = null, string? Column = null, string? FirstValue = null) =>
        new(name, () => File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "tests", "Unit", "Fixtures", "Sources", "bad", name)), code, severity, Row, Column, FirstValue: FirstValue);

    private static byte[] Columns(int count)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, count).Select(i => $"c{i}")).Append("\r\n");
        text.AppendJoin(',', Enumerable.Range(0, count).Select(i => $"v{i}")).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] FiveMegabyteCell() =>
        Encoding.UTF8.GetBytes($"Ticket ID,Description\r\n1,\"{new string('x', 5 << 20)}\"\r\n2,ok\r\n");

    private static byte[] RunawayQuote() =>
        Encoding.UTF8.GetBytes("Ticket ID,Description\r\n1,ok\r\n2,\"starts" + string.Concat(Enumerable.Repeat("\r\n3,more text, no closing quote", 80_000)));

    // A Tickets1.xml whose headers claim 1 KB while it inflates to 5 MB. .NET stops inflating at the declared size,
    // so the XML reads as cut off; the counting stream would catch the bytes if it did not.
    private static byte[] LyingSizes()
    {
        var bytes = ZipBuilder.Build(("Tickets1.xml", "<t><helpdesk-ticket><body>" + new string('a', 5 << 20) + "</body></helpdesk-ticket></t>"));
        Patch(bytes, [0x50, 0x4B, 0x03, 0x04], 22);
        Patch(bytes, [0x50, 0x4B, 0x01, 0x02], 24);
        return bytes;
    }

    private static void Patch(byte[] zip, byte[] signature, int sizeOffset)
    {
        var at = zip.AsSpan().IndexOf(signature);
        BitConverter.TryWriteBytes(zip.AsSpan(at + sizeOffset, 4), 1024);
    }
}
