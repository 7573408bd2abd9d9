using System.Text.Unicode;

namespace ImportPortal.Domain.Sources;

/// <summary>What the first bytes of a text upload say about its encoding.</summary>
internal sealed record EncodingGuess(string? Name, int BomLength, double Confidence, bool IsGuess, bool IsBinary);

/// <summary>
/// Detects the encoding of a text prefix: byte-order mark, then UTF-16 without a mark (zero bytes on one side),
/// then UTF-8 validity, then single-byte code pages (Vietnamese Windows-1258 by its combining tone marks,
/// otherwise Mozilla's detector, otherwise Windows-1252).
/// </summary>
internal static class EncodingSniffer
{
    public static EncodingGuess Detect(ReadOnlySpan<byte> prefix, bool isComplete)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new("utf-8", 3, 1, false, false);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new("utf-16", 2, 1, false, false);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new("utf-16BE", 2, 1, false, false);
        }

        return Utf16WithoutBom(prefix) ?? (LooksBinary(prefix) ? new(null, 0, 1, false, true) : SingleOrUtf8(prefix, isComplete));
    }

    private static EncodingGuess SingleOrUtf8(ReadOnlySpan<byte> prefix, bool isComplete)
    {
        var checkable = isComplete ? prefix : WithoutCutSequence(prefix);
        if (Utf8.IsValid(checkable))
        {
            return new("utf-8", 0, 1, false, false);
        }

        if (VietnameseCodePage.Looks1258(prefix))
        {
            return new("windows-1258", 0, 0.8, true, false);
        }

        var detector = new Ude.CharsetDetector();
        detector.Feed(prefix.ToArray(), 0, prefix.Length);
        detector.DataEnd();
        var name = detector.Charset;
        var usable = name is not null && !name.StartsWith("UTF", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("ASCII", StringComparison.OrdinalIgnoreCase) && SourceEncodings.Find(name) is not null;
        return usable && detector.Confidence >= 0.5
            ? new(name, 0, detector.Confidence, true, false)
            : new("windows-1252", 0, 0.5, true, false);
    }

    // A prefix cut in the middle of a multi-byte character is still UTF-8.
    private static ReadOnlySpan<byte> WithoutCutSequence(ReadOnlySpan<byte> prefix)
    {
        var i = prefix.Length - 1;
        while (i >= 0 && prefix.Length - i <= 4 && (prefix[i] & 0xC0) == 0x80)
        {
            i--;
        }

        return i >= 0 && prefix[i] >= 0xC0 ? prefix[..i] : prefix;
    }

    private static EncodingGuess? Utf16WithoutBom(ReadOnlySpan<byte> prefix)
    {
        var pairs = Math.Min(prefix.Length, 4096) / 2;
        if (pairs < 2)
        {
            return null;
        }

        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < pairs * 2; i += 2)
        {
            evenZeros += prefix[i] == 0 ? 1 : 0;
            oddZeros += prefix[i + 1] == 0 ? 1 : 0;
        }

        // Latin text in UTF-16 has a zero in almost every other byte, and on one side only.
        if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05)
        {
            return new("utf-16", 0, 0.9, true, false);
        }

        return evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05 ? new("utf-16BE", 0, 0.9, true, false) : null;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> prefix)
    {
        var sample = prefix[..Math.Min(prefix.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            control += b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1A) || b == 0x7F ? 1 : 0;
        }

        // Text with a stray NUL is still text (the reader removes it with a warning); junk is full of control bytes.
        return control > sample.Length * 0.05;
    }
}
