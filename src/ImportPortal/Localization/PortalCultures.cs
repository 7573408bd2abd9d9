using System.Globalization;

namespace ImportPortal.Localization;

/// <summary>The languages the portal speaks. Vietnamese is a first-class language, not a translation afterthought.</summary>
public static class PortalCultures
{
    public const string English = "en";
    public const string Vietnamese = "vi";

    public static IReadOnlyList<CultureInfo> Supported { get; } =
        [CultureInfo.GetCultureInfo(English), CultureInfo.GetCultureInfo(Vietnamese)];

    public static bool IsSupported(string? culture) =>
        culture is not null && Supported.Any(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
}
