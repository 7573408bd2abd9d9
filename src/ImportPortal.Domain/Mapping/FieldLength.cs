using System.Globalization;
using System.Text;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Lengths as Frappe counts them: characters (Unicode code points, as Python and MariaDB's utf8mb4 do), after
/// composing to NFC so a decomposed "ệ" counts as one. Cuts fall between grapheme clusters, never inside one.
/// </summary>
public static class FieldLength
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsAscii(text) || text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>The number of characters of NFC text.</summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var surrogates = 0;
        foreach (var c in text)
        {
            if (char.IsHighSurrogate(c))
            {
                surrogates++;
            }
        }

        return text.Length - surrogates;
    }

    /// <summary>NFC text cut to at most <paramref name="max"/> characters; <paramref name="length"/> is the length before the cut.</summary>
    public static string Fit(string text, int max, out int length)
    {
        var normalized = Normalize(text);
        length = normalized.Length <= max ? normalized.Length : Count(normalized);
        if (length <= max)
        {
            return normalized;
        }

        var end = 0;
        var chars = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(normalized);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Count(element);
            if (chars + size > max)
            {
                break;
            }

            chars += size;
            end += element.Length;
        }

        return normalized[..end];
    }

    private static bool IsAscii(string text) => Ascii.IsValid(text);
}
