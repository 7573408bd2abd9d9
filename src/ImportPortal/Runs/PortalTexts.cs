using System.Globalization;
using System.Resources;
using ImportPortal.Domain.Migration;
using ImportPortal.Resources;

namespace ImportPortal.Runs;

/// <summary>
/// A record's sentences (<see cref="PortalText"/>) in a reader's language, from the resources: the failures' own in
/// RunResource, a row's mapping problems in MappingResource, a file's in SourceResource. The invariant culture gives the English every record
/// also keeps as its message.
/// </summary>
public static class PortalTexts
{
    private static readonly ResourceManager Runs = new(typeof(RunResource));
    private static readonly ResourceManager Mapping = new(typeof(MappingResource));
    private static readonly ResourceManager Sources = new(typeof(SourceResource));
    private static readonly ResourceManager Shared = new(typeof(SharedResource));

    public static string Render(IReadOnlyList<PortalText> texts, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var formats = Formats(culture);
        return PortalText.Join(texts.Select(t => t.Render(formats)));
    }

    /// <summary>What the reader of this circuit or request reads: the sentences in their language, else the English (or the site's words) kept beside them.</summary>
    public static string? ForReader(IReadOnlyList<PortalText>? texts, string? message) =>
        texts is { Count: > 0 } ? Render(texts, CultureInfo.CurrentUICulture) : message;

    /// <summary><see cref="ForReader(IReadOnlyList{PortalText}?, string?)"/> of sentences as a column stores them (<see cref="PortalTextJson"/>).</summary>
    public static string? ForReader(string? stored, string? message) => ForReader(PortalTextJson.Read(stored), message);

    /// <summary>What a cause of many failures says in the reader's language: the values left out, Frappe's words kept as its own cause templates keep them.</summary>
    public static string Template(IReadOnlyList<PortalText> texts, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var formats = Formats(culture);
        return PortalText.Join(texts.Select(t => t.Template(formats, quoted => FailureCause.Of(quoted).Template)));
    }

    /// <summary>
    /// How a stored sentence of these keys starts (<see cref="PortalTextJson"/>): the error list's search finds a record
    /// by words of its sentence as the reader reads it, in any language it is shown in.
    /// </summary>
    public static IReadOnlyList<string> StoredKeysSaying(string words, CultureInfo culture) => StoredKeysSaying(words, culture, RecordTexts.All.Keys);

    /// <summary><see cref="StoredKeysSaying(string, CultureInfo)"/> among <paramref name="keys"/> (RunResource's): the activity log's details (<see cref="AuditTexts"/>).</summary>
    public static IReadOnlyList<string> StoredKeysSaying(string words, CultureInfo culture, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(culture);
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = Folded(words.Trim());
        if (wanted.Length < 3)
        {
            return [];
        }

        return keys
            .Where(key => Runs.GetString(key, culture) is { } format && Folded(format).Contains(wanted, StringComparison.Ordinal))
            .Select(key => $"{{\"key\":\"{key}\"")
            .ToList();
    }

    /// <summary>
    /// Text as typed on any keyboard: lower case, without its marks ("thêm nhân viên đó" is "them nhan vien do"). Vietnamese
    /// collation keeps ê or đ letters of their own, so the culture's comparison would not match them.
    /// </summary>
    internal static string Folded(string text)
    {
        var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
        var folded = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
            }
        }

        return folded.ToString();
    }

    /// <summary>
    /// A request's outcome in a record's attempt log (<see cref="AttemptOutcomes"/>) in the reader's language: the
    /// portal's words translated, the site's and the network's as they came; a translation that does not fit its values
    /// gives the stored English.
    /// </summary>
    public static string Outcome(string? outcome, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (AttemptOutcomes.ReadBack(outcome) is not var (key, args))
        {
            return outcome ?? string.Empty;
        }

        return Attempt(key, key == AttemptOutcomes.KeepsLinkKey ? [Outcome(args[0], culture)] : args, culture, outcome!);
    }

    /// <summary>
    /// A request column of a record's attempt log in the reader's language: a request as it was sent ("POST HD Ticket")
    /// reads as it is; a line of the portal's own words (<see cref="AttemptOutcomes.MembersLeftOut"/>) is translated.
    /// </summary>
    public static string Request(string? request, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return AttemptOutcomes.ReadBackRequest(request) is var (key, args) ? Attempt(key, args, culture, request!) : request ?? string.Empty;
    }

    // An attempt log's sentence in the reader's language; a translation that does not fit its values gives what is stored.
    private static string Attempt(string key, string[] args, CultureInfo culture, string stored)
    {
        try
        {
            return string.Format(culture, Runs.GetString(key, culture) ?? AttemptOutcomes.All[key], args);
        }
        catch (FormatException)
        {
            return stored;
        }
    }

    /// <summary>A word of RunResource (an entity's name, a kind of failure, a column's) in the reader's language.</summary>
    public static string Word(string key, CultureInfo culture) => Runs.GetString(key, culture) ?? key;

    private static Func<string, string?> Formats(CultureInfo culture) =>
        key => Catalogue(key).GetString(key, culture);

    private static ResourceManager Catalogue(string key) =>
        key.StartsWith("Mapping.", StringComparison.Ordinal) ? Mapping
        : key.StartsWith("Source.", StringComparison.Ordinal) ? Sources
        : key.StartsWith("Role.", StringComparison.Ordinal) ? Shared
        : Runs;
}
