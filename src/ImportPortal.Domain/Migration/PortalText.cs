using System.Globalization;
using System.Text;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// A sentence the portal writes for the operator — why a record failed and what to do about it — kept as a resource
/// key and its arguments, so that each reader sees it in their own language. <see cref="English"/> is the same
/// sentence as the portal's logs, the error list's search and the causes read it.
/// </summary>
/// <param name="Key">A key of <see cref="RecordTexts"/> (RunResource) or of the mapping's problems (MappingResource).</param>
public sealed record PortalText(string Key, IReadOnlyList<PortalArg> Args)
{
    public PortalText(string key, params string[] values)
        : this(key, values.Select(PortalArg.Value).ToList())
    {
    }

    /// <summary>In English: the formats of <see cref="RecordTexts"/>, each term's English word.</summary>
    public string English => Render(_ => null);

    /// <summary>
    /// In the reader's language: <paramref name="formats"/> gives a key's format (or a term's word) in that language,
    /// null where it has none (then the English one is used).
    /// </summary>
    public string Render(Func<string, string?> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        return Format(formats, Args.Select(a => a.Kind switch
        {
            PortalArgKind.Term => formats(a.Key!) ?? a.Text,
            PortalArgKind.Sentence => a.Sentence!.Render(formats),
            _ => a.Text,
        }));
    }

    /// <summary>
    /// The sentence with what differs from record to record left out (<see cref="FailureCause.Gap"/>): what a cause of
    /// many failures says. Another system's words (<see cref="PortalArgKind.Quote"/>) keep theirs, their values taken out by <paramref name="quoted"/>.
    /// </summary>
    public string Template(Func<string, string?> formats, Func<string, string> quoted)
    {
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(quoted);
        return Format(formats, Args.Select(a => a.Kind switch
        {
            PortalArgKind.Term => formats(a.Key!) ?? a.Text,
            PortalArgKind.Sentence => a.Sentence!.Template(formats, quoted),
            PortalArgKind.Quote => quoted(a.Text),
            _ => FailureCause.Gap,
        }));
    }

    /// <summary>Several sentences as one line (a row's mapping problems), joined as Frappe's messages of one answer are.</summary>
    public static string Join(IEnumerable<string> parts) => string.Join(" · ", parts);

    private string Format(Func<string, string?> formats, IEnumerable<string> args)
    {
        var values = args.ToArray<object>();
        // A translation that asks for an argument the sentence lacks: the English one, rather than nothing; failing
        // that too (a key of another resource), the key and the values.
        return TryFormat(formats(Key), values) ?? TryFormat(RecordTexts.All.GetValueOrDefault(Key) ?? AuditTexts.All.GetValueOrDefault(Key), values)
            ?? new StringBuilder(Key).Append(": ").AppendJoin(" · ", values).ToString();
    }

    private static string? TryFormat(string? format, object[] values)
    {
        if (format is null)
        {
            return null;
        }

        try
        {
            return string.Format(CultureInfo.InvariantCulture, format, values);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>What an argument of a <see cref="PortalText"/> is, which decides how it is shown in another language.</summary>
public enum PortalArgKind
{
    /// <summary>Data (a name, a key, a number): shown as it is.</summary>
    Value,

    /// <summary>Another system's words (Frappe's message): shown as they are, in the language they came in.</summary>
    Quote,

    /// <summary>A word of the portal's own (an entity's name): <see cref="PortalArg.Key"/> is its resource key, <see cref="PortalArg.Text"/> its English.</summary>
    Term,

    /// <summary>A sentence of the portal's own inside this one (the failure a dependency failed with).</summary>
    Sentence,
}

/// <summary>An argument of a <see cref="PortalText"/>.</summary>
public sealed record PortalArg(PortalArgKind Kind, string Text, string? Key = null, PortalText? Sentence = null)
{
    public static PortalArg Value(string value) => new(PortalArgKind.Value, value ?? "");

    public static PortalArg Quote(string words) => new(PortalArgKind.Quote, words ?? "");

    public static PortalArg Term(string key, string english) => new(PortalArgKind.Term, english, key);

    /// <summary>An entity's name (<c>Entity.Ticket</c> in RunResource; in English its kind, as the portal's messages always wrote it).</summary>
    public static PortalArg Entity(EntityKind entity) => Term($"Entity.{entity}", entity.ToString());

    public static PortalArg Of(PortalText sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return new(PortalArgKind.Sentence, sentence.English, Sentence: sentence);
    }

    /// <summary>A failure's own words: the portal's sentence when it wrote one, else the message (Frappe's) quoted.</summary>
    public static PortalArg Of(RecordError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Text is { } text ? Of(text) : Quote(error.Message);
    }
}
