using System.IO.Compression;

namespace ImportPortal.Domain.Sources;

/// <summary>Tells an XLSX workbook from another ZIP by its entries, and lists the Freshdesk tables a ZIP holds.</summary>
internal static class ZipSniffer
{
    public static SourceFormat Sniff(Stream stream, long start, string file, SourceFileKind? chosen)
    {
        var byName = file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? SourceFileKind.Xlsx : SourceFileKind.Zip;
        if (!stream.CanSeek)
        {
            // The central directory sits at the end: without seeking, trust the chosen kind or the name.
            return new SourceFormat(file, chosen ?? byName, Confidence: 0.5);
        }

        try
        {
            stream.Position = start;
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var kind = chosen ?? (SourceSniffer.IsXlsx(archive) ? SourceFileKind.Xlsx : SourceFileKind.Zip);
            var tables = kind == SourceFileKind.Zip ? FreshdeskEntries.TablesIn(archive.Entries.Select(e => e.FullName)) : [];
            return new SourceFormat(file, kind, Tables: tables);
        }
        catch (InvalidDataException ex)
        {
            var code = (chosen ?? byName) == SourceFileKind.Xlsx ? SourceProblemCodes.XlsxCorrupt : SourceProblemCodes.ZipCorrupt;
            return SourceSniffer.Failed(file, code, ex.Message) with { Kind = chosen ?? byName };
        }
    }
}
