using System.IO.Compression;
using System.Text;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Finds what an upload is from its content, reading only the first <see cref="PrefixBytes"/> bytes (plus, for a
/// ZIP, its central directory): ZIP, XLSX or XLS by magic bytes; JSON or NDJSON by the first value; otherwise
/// text with its encoding and delimiter. The file name only decides the warning when it disagrees.
/// </summary>
public static class SourceSniffer
{
    public const int PrefixBytes = 64 * 1024;

    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static async Task<SourceFormat> SniffAsync(Stream stream, string fileName, SniffOverrides? overrides = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var start = stream.CanSeek ? stream.Position : 0;
        var buffer = new byte[PrefixBytes];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var prefix = buffer.AsMemory(0, read);
        var isComplete = read < buffer.Length;
        var format = Detect(stream, start, prefix.Span, isComplete, fileName, overrides);
        return WithExtensionCheck(format, fileName);
    }

    private static SourceFormat Detect(Stream stream, long start, ReadOnlySpan<byte> prefix, bool isComplete, string file, SniffOverrides? overrides)
    {
        if (prefix.IsEmpty)
        {
            return Failed(file, SourceProblemCodes.Empty);
        }

        var kind = overrides?.Kind;
        if (kind is SourceFileKind.Zip or SourceFileKind.Xlsx || (kind is null && prefix.StartsWith("PK"u8)))
        {
            return ZipSniffer.Sniff(stream, start, file, kind);
        }

        if (kind is SourceFileKind.Xls || (kind is null && prefix.StartsWith(OleMagic)))
        {
            return new SourceFormat(file, SourceFileKind.Xls);
        }

        return SniffText(prefix, isComplete, file, overrides);
    }

    private static SourceFormat SniffText(ReadOnlySpan<byte> prefix, bool isComplete, string file, SniffOverrides? overrides)
    {
        var guess = EncodingSniffer.Detect(prefix, isComplete);
        var problems = new List<SourceProblem>();
        var encodingName = guess.Name;
        if (overrides?.EncodingName is { } chosen)
        {
            if (SourceEncodings.Find(chosen) is null)
            {
                return Failed(file, SourceProblemCodes.UnknownEncoding, chosen);
            }

            (encodingName, guess) = (chosen, guess with { Confidence = 1, IsGuess = false, IsBinary = false });
        }

        if (guess.IsBinary || encodingName is null)
        {
            return Failed(file, SourceProblemCodes.Binary);
        }

        if (prefix.Length <= guess.BomLength)
        {
            return Failed(file, SourceProblemCodes.Empty) with { EncodingName = encodingName, HasBom = guess.BomLength > 0 };
        }

        if (guess.IsGuess)
        {
            problems.Add(Problems.Warning(SourceProblemCodes.EncodingGuessed, file, null, null, encodingName));
        }

        var text = SourceEncodings.Find(encodingName)!.GetString(prefix[guess.BomLength..]);
        if (string.IsNullOrWhiteSpace(text.Replace('\0', ' ')))
        {
            return Failed(file, SourceProblemCodes.Empty) with { EncodingName = encodingName, HasBom = guess.BomLength > 0 };
        }

        var kind = overrides?.Kind ?? JsonSniffer.Detect(prefix[guess.BomLength..], text, isComplete, encodingName);
        var delimiter = kind == SourceFileKind.Csv ? overrides?.Delimiter ?? DelimiterSniffer.Detect(text, isComplete) : (char?)null;
        return new SourceFormat(file, kind, encodingName, delimiter, guess.BomLength > 0, guess.Confidence, problems);
    }

    private static SourceFormat WithExtensionCheck(SourceFormat format, string fileName)
    {
        var expected = Path.GetExtension(fileName).ToUpperInvariant() switch
        {
            ".CSV" or ".TSV" or ".TXT" => SourceFileKind.Csv,
            ".XLSX" or ".XLSM" => SourceFileKind.Xlsx,
            ".XLS" => SourceFileKind.Xls,
            ".JSON" => SourceFileKind.Json,
            ".NDJSON" or ".JSONL" => SourceFileKind.Ndjson,
            ".ZIP" => SourceFileKind.Zip,
            _ => SourceFileKind.Unknown,
        };
        var compatible = expected == format.Kind || expected == SourceFileKind.Unknown || format.Kind == SourceFileKind.Unknown
            || (expected is SourceFileKind.Json or SourceFileKind.Ndjson && format.Kind is SourceFileKind.Json or SourceFileKind.Ndjson);
        if (compatible || format.Error is not null)
        {
            return format;
        }

        var warning = Problems.Warning(SourceProblemCodes.ExtensionMismatch, fileName, null, null, format.Kind.ToString().ToUpperInvariant());
        return format with { Problems = [.. format.Problems, warning] };
    }

    internal static SourceFormat Failed(string file, string code, params string[] details) =>
        new(file, SourceFileKind.Unknown, Confidence: 0, Problems: [Problems.Error(code, file, null, null, details)]);

    internal static Encoding EncodingOf(SourceFormat format) =>
        SourceEncodings.Find(format.EncodingName) ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    internal static bool IsXlsx(ZipArchive archive) =>
        archive.Entries.Any(e => e.FullName == "[Content_Types].xml") && archive.Entries.Any(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal));
}
