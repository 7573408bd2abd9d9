using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Streams one logical table of a Freshdesk archive: every matching entry in natural order (Tickets2 before
/// Tickets10), each through <see cref="XmlReader"/> with DTDs prohibited and no resolver, one top-level element
/// (ticket, user, company, group) at a time. Row = the element's 1-based position in its entry.
/// </summary>
internal sealed class FreshdeskTableReader(SourceFormat format, Func<Stream> openStream, SourceReadOptions options, string table) : ISourceReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private readonly ByteCounter counter = new();

    public SourceFormat Format { get; } = format;

    public string Table { get; } = table;

    public SourceSchema Columns { get; } = new();

    public SourceProblemLog Problems { get; } = new();

    public long BytesRead => counter.Count;

    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        counter.Reset();
        var guard = new ZipGuard(Format.File, options.Zip);
        using var archive = guard.Open(new CountingStream(openStream(), counter));
        var builder = new XmlRecordBuilder();
        var entries = archive.Entries
            .Where(e => !FreshdeskEntries.IsUnsafe(e.FullName) && FreshdeskEntries.TableOf(e.FullName) == Table)
            .OrderBy(e => e.FullName, FreshdeskEntries.NaturalOrder);
        foreach (var entry in entries)
        {
            using var xml = XmlReader.Create(OpenEntry(guard, entry), Settings);
            var name = ZipGuard.Shown(entry.FullName);
            long row = 0;
            while (await NextElementAsync(xml, name, ct) is { } element)
            {
                yield return builder.Build(element, Columns, new SourceLocator(Format.File, ++row, name));
            }
        }
    }

    private Stream OpenEntry(ZipGuard guard, ZipArchiveEntry entry)
    {
        try
        {
            return guard.OpenEntry(entry);
        }
        catch (InvalidDataException ex)
        {
            throw Sources.Problems.Fatal(ex, SourceProblemCodes.ZipCorrupt, Format.File, null, null, ex.Message);
        }
    }

    private async ValueTask<XElement?> NextElementAsync(XmlReader xml, string entry, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.Depth == 1)
                {
                    return (XElement)await XNode.ReadFromAsync(xml, ct);
                }

                if (!await xml.ReadAsync())
                {
                    return null;
                }
            }
        }
        catch (XmlException ex)
        {
            var code = ex.Message.Contains("DTD", StringComparison.Ordinal) ? SourceProblemCodes.XmlDtdProhibited : SourceProblemCodes.XmlInvalid;
            var details = code == SourceProblemCodes.XmlInvalid ? new[] { entry, Sources.Problems.Number(ex.LineNumber), Sources.Problems.Number(ex.LinePosition) } : [entry];
            throw Sources.Problems.Fatal(ex, code, Format.File, null, null, details);
        }
        catch (InvalidDataException ex)
        {
            throw Sources.Problems.Fatal(ex, SourceProblemCodes.ZipCorrupt, Format.File, null, null, ex.Message);
        }
    }
}
