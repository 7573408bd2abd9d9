using System.Globalization;
using System.Text;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Tests.Unit.Sources;

/// <summary>
/// Encodes Vietnamese the way Windows-1258 files hold it: letters 1258 has precomposed (â, ê, ô, ă, ơ, ư, đ, á, à...)
/// as one byte, other tones as the base letter followed by a combining tone mark.
/// </summary>
internal static class Windows1258
{
    private static readonly string Tones = "\u0300\u0301\u0303\u0309\u0323";

    public static byte[] Encode(string text)
    {
        SourceEncodings.EnsureCodePages();
        var strict = Encoding.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var output = new List<byte>();
        foreach (var letter in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var s = letter.ToString();
            try
            {
                output.AddRange(strict.GetBytes(s));
            }
            catch (EncoderFallbackException)
            {
                var decomposed = s.Normalize(NormalizationForm.FormD);
                var tone = decomposed.Where(c => Tones.Contains(c, StringComparison.Ordinal)).ToArray();
                var bare = new string([.. decomposed.Where(c => !Tones.Contains(c, StringComparison.Ordinal))]).Normalize(NormalizationForm.FormC);
                output.AddRange(strict.GetBytes(bare + new string(tone)));
            }
        }

        return [.. output];
    }

    public static string Describe(byte[] bytes) => string.Join(" ", bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
