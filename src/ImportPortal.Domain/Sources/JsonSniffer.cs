using System.Text;
using System.Text.Json;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// JSON starts with <c>[</c> or <c>{</c>; it is NDJSON when a second top-level value follows the first one.
/// </summary>
internal static class JsonSniffer
{
    public static SourceFileKind Detect(ReadOnlySpan<byte> bytes, string text, bool isComplete, string encodingName)
    {
        var first = text.AsSpan().TrimStart();
        if (first.IsEmpty || first[0] is not ('[' or '{'))
        {
            return SourceFileKind.Csv;
        }

        if (first[0] == '[')
        {
            return SourceFileKind.Json;
        }

        var utf8 = encodingName.Equals("utf-8", StringComparison.OrdinalIgnoreCase) ? bytes : Encoding.UTF8.GetBytes(text);
        return HasSecondValue(utf8, isComplete) ? SourceFileKind.Ndjson : SourceFileKind.Json;
    }

    private static bool HasSecondValue(ReadOnlySpan<byte> utf8, bool isComplete)
    {
        var reader = new Utf8JsonReader(utf8, isComplete, new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 256 }));
        try
        {
            return reader.Read() && reader.TrySkip() && reader.Read();
        }
        catch (JsonException)
        {
            // A broken first value: let the JSON reader report it with its position.
            return false;
        }
    }
}
