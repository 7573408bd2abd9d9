using System.Globalization;
using System.Resources;
using ImportPortal.Domain.Migration;
using ImportPortal.Resources;

namespace ImportPortal.Runs;

/// <summary>
/// A record's sentences (<see cref="PortalText"/>) in a reader's language, from the resources: the failures' own in
/// RunResource, a row's mapping problems in MappingResource. The invariant culture gives the English every record
/// also keeps as its message.
/// </summary>
public static class PortalTexts
{
    private static readonly ResourceManager Runs = new(typeof(RunResource));
    private static readonly ResourceManager Mapping = new(typeof(MappingResource));

    public static string Render(IReadOnlyList<PortalText> texts, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var formats = Formats(culture);
        return PortalText.Join(texts.Select(t => t.Render(formats)));
    }

    /// <summary>What a cause of many failures says in the reader's language: the values left out, Frappe's words kept as its own cause templates keep them.</summary>
    public static string Template(IReadOnlyList<PortalText> texts, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var formats = Formats(culture);
        return PortalText.Join(texts.Select(t => t.Template(formats, quoted => FailureCause.Of(quoted).Template)));
    }

    private static Func<string, string?> Formats(CultureInfo culture) =>
        key => (key.StartsWith("Mapping.", StringComparison.Ordinal) ? Mapping : Runs).GetString(key, culture);
}
