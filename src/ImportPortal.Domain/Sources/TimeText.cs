namespace ImportPortal.Domain.Sources;

/// <summary>How a source writes a time, as far as reading it needs to know.</summary>
internal static class TimeText
{
    /// <summary>
    /// Whether the time names its offset: "Z", "+07:00", "+0700" or "-05" after the time part. A time without one is a
    /// local time whose zone only the operator knows (the mapping's source time zone), never the server's.
    /// </summary>
    public static bool HasOffset(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[^1] is 'Z' or 'z')
        {
            return true;
        }

        var time = s.IndexOfAny('T', ' ');
        return time > 0 && s[(time + 1)..].IndexOfAny('+', '-') > 0;
    }
}
