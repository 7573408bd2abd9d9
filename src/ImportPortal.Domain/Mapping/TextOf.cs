using System.Globalization;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Domain.Mapping;

/// <summary>The text of a source value, with typed values the readers produced written invariantly.</summary>
internal static class TextOf
{
    public static string Value(SourceValue value) => value.Text ?? value.Typed switch
    {
        null => "",
        DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };

    public static bool IsEmpty(SourceValue value) => value.IsEmpty;
}
