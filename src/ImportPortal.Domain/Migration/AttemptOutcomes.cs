using System.Globalization;
using System.Text.RegularExpressions;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// What one request for a record came to, as its attempt log keeps it: in English, the log's language, beside the
/// site's own words when it refused. <see cref="Read"/> finds the portal's sentence in a stored outcome again (its
/// resource key, "Attempt.*" in RunResource, and its values), for a reader of another language; the site's words and
/// the network's are not the portal's, and read as they are.
/// </summary>
public static partial class AttemptOutcomes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Read = "read";
    public const string Assigned = "assigned";
    public const string Tagged = "tagged";
    public const string NotFound = "not found";
    public const string NotMember = "not a user or agent on the site";
    public const string NotCopied = "not copied.";
    public const string SlaNotFound = "not found: the response and resolution times are measured on the clock";
    public const string SlaAllHours = "no working hours: the times are measured on the clock";
    public const string SlaRead = "read its working hours and holidays";

    private const string KeepsLinkFormat = "{0} The image keeps its link.";

    /// <summary>A line of the log that is not a request: a team's members the site does not know, left out of it.</summary>
    public const string MembersLeftOutKey = "Attempt.MembersLeftOut";

    private const string MembersLeftOutFormat = "members left out: {0}";

    /// <summary>The key whose value is itself an outcome (what the image's fetch or upload came to).</summary>
    public const string KeepsLinkKey = "Attempt.KeepsLink";

    /// <summary>Every sentence by its resource key, in the English the log stores: RunResource holds the same English.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Attempt.Created"] = Created,
        ["Attempt.Updated"] = Updated,
        ["Attempt.Read"] = Read,
        ["Attempt.Assigned"] = Assigned,
        ["Attempt.Tagged"] = Tagged,
        ["Attempt.NotFound"] = NotFound,
        ["Attempt.NotMember"] = NotMember,
        ["Attempt.NotCopied"] = NotCopied,
        ["Attempt.SlaNotFound"] = SlaNotFound,
        ["Attempt.SlaAllHours"] = SlaAllHours,
        ["Attempt.SlaRead"] = SlaRead,
        ["Attempt.Found"] = "found {0}",
        ["Attempt.FoundOf"] = "found {0} of {1}",
        ["Attempt.Bytes"] = "{0} bytes",
        [KeepsLinkKey] = KeepsLinkFormat,
        [MembersLeftOutKey] = MembersLeftOutFormat,
        ["Attempt.Kind.Transient"] = nameof(FrappeErrorKind.Transient),
        ["Attempt.Kind.DataError"] = nameof(FrappeErrorKind.DataError),
        ["Attempt.Kind.Duplicate"] = nameof(FrappeErrorKind.Duplicate),
        ["Attempt.Kind.AuthOrPermission"] = nameof(FrappeErrorKind.AuthOrPermission),
        ["Attempt.Kind.NotFound"] = nameof(FrappeErrorKind.NotFound),
        ["Attempt.Kind.UnknownFate"] = nameof(FrappeErrorKind.UnknownFate),
        ["Attempt.Kind.ServerError"] = nameof(FrappeErrorKind.ServerError),
    };

    // The sentences without values, by their English.
    private static readonly Dictionary<string, string> Plain = All.Where(p => !p.Value.Contains('{', StringComparison.Ordinal))
        .ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Found(string name) => Format("Attempt.Found", name);

    public static string FoundOf(int found, int asked) => Format("Attempt.FoundOf", found, asked);

    public static string Bytes(long length) => Format("Attempt.Bytes", length);

    /// <summary>What an image's fetch or upload came to, and that its message keeps the image's original link.</summary>
    public static string KeepsLink(string outcome) => Format(KeepsLinkKey, outcome);

    /// <summary>The log's line for a team's members the site does not know (in its request column: no request was sent).</summary>
    public static string MembersLeftOut(IEnumerable<string> names) => Format(MembersLeftOutKey, string.Join(", ", names));

    /// <summary>The portal's own words in a stored request column (<see cref="MembersLeftOut"/>); null for a request as it was sent.</summary>
    public static (string Key, string[] Args)? ReadBackRequest(string? request) =>
        request is not null && request.StartsWith(MembersLeftOutFormat[..^3], StringComparison.Ordinal)
            ? (MembersLeftOutKey, [request[(MembersLeftOutFormat.Length - 3)..]])
            : null;

    /// <summary>What the site's refusal came to: its kind (the site's message is kept beside it).</summary>
    public static string Of(FrappeErrorKind kind) => kind.ToString();

    /// <summary>
    /// The portal's sentence in a stored outcome: its key and values (for <see cref="KeepsLinkKey"/>, the value is an
    /// outcome of its own); null for words that are not the portal's.
    /// </summary>
    public static (string Key, string[] Args)? ReadBack(string? outcome)
    {
        if (string.IsNullOrEmpty(outcome))
        {
            return null;
        }

        if (Plain.TryGetValue(outcome, out var key))
        {
            return (key, []);
        }

        return Pattern().Match(outcome) switch
        {
            { Success: true } m when m.Groups["of"].Success => ("Attempt.FoundOf", [m.Groups["found"].Value, m.Groups["of"].Value]),
            { Success: true } m when m.Groups["bytes"].Success => ("Attempt.Bytes", [m.Groups["bytes"].Value]),
            { Success: true } m when m.Groups["kept"].Success => (KeepsLinkKey, [m.Groups["kept"].Value]),
            { Success: true } m => ("Attempt.Found", [m.Groups["name"].Value]),
            _ => null,
        };
    }

    private static string Format(string key, params object[] values) => string.Format(CultureInfo.InvariantCulture, All[key], values);

    // "found 3 of 5" and a kept link before "found HD-12": a name is anything after "found ".
    [GeneratedRegex(@"^(?:found (?<found>\d+) of (?<of>\d+)|(?<bytes>\d+) bytes|(?<kept>.+) The image keeps its link\.|found (?<name>.+))$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
