namespace ImportPortal.Domain.Sources;

/// <summary>
/// Windows-1258 writes Vietnamese tones as combining marks after the vowel (0xCC grave, 0xEC acute, 0xDE tilde,
/// 0xD2 hook above, 0xF2 dot below). In Windows-1252 those bytes are Ì ì Þ Ò ò, which Western text almost never
/// puts right after a vowel; Vietnamese text does it in nearly every word. Mozilla's detector does not know 1258
/// and calls such text Windows-1252, so this rule runs first.
/// </summary>
internal static class VietnameseCodePage
{
    public static bool Looks1258(ReadOnlySpan<byte> prefix)
    {
        int toneAfterVowel = 0, high = 0;
        for (var i = 0; i < prefix.Length; i++)
        {
            var b = prefix[i];
            if (b < 0x80)
            {
                continue;
            }

            high++;
            if (IsToneMark(b) && i > 0 && IsVowel(prefix[i - 1]))
            {
                toneAfterVowel++;
            }
        }

        // Tones are a large share of the non-ASCII bytes of Vietnamese text; one stray "aì" is not enough.
        return toneAfterVowel >= 1 && toneAfterVowel * 5 >= high && (toneAfterVowel >= 2 || high <= 4);
    }

    private static bool IsToneMark(byte b) => b is 0xCC or 0xEC or 0xDE or 0xD2 or 0xF2;

    private static bool IsVowel(byte b) =>
        (char)(b | 0x20) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y'
        || b is 0xC2 or 0xE2 or 0xCA or 0xEA or 0xD4 or 0xF4 or 0xC3 or 0xE3 or 0xD5 or 0xF5 or 0xDD or 0xFD;
}
