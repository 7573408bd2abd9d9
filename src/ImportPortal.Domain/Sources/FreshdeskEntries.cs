using System.Text.RegularExpressions;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Which entries of a Freshdesk account export feed which logical table, by entry name only. The rules are data:
/// add a pattern to read another file. Entry names are matched, never used as paths.
/// </summary>
internal static partial class FreshdeskEntries
{
    public const string Tickets = "tickets";
    public const string Users = "users";
    public const string Companies = "companies";
    public const string Groups = "groups";

    private static readonly (string Table, Regex Pattern)[] Rules =
    [
        (Tickets, TicketsPattern()),
        (Users, UsersPattern()),
        (Companies, CompaniesPattern()),
        (Groups, GroupsPattern()),
    ];

    /// <summary>The table an entry belongs to, or null for entries the import does not need.</summary>
    public static string? TableOf(string entryName)
    {
        var name = LastSegment(entryName);
        return Rules.FirstOrDefault(r => r.Pattern.IsMatch(name)).Table;
    }

    /// <summary>The tables present, in the order tickets, users, companies, groups.</summary>
    public static IReadOnlyList<string> TablesIn(IEnumerable<string> entryNames)
    {
        var found = entryNames.Where(n => !IsUnsafe(n)).Select(TableOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return Rules.Select(r => r.Table).Where(found.Contains).ToList();
    }

    /// <summary>Names that would escape a folder if anyone ever used them as a path: they are skipped and reported.</summary>
    public static bool IsUnsafe(string entryName) =>
        entryName.Length == 0 || entryName.Contains('\\', StringComparison.Ordinal) || entryName.StartsWith('/')
        || entryName.Contains(':', StringComparison.Ordinal) || entryName.Contains('\0', StringComparison.Ordinal)
        || entryName.Split('/').Any(s => s == "..");

    /// <summary>Orders Tickets2.xml before Tickets10.xml.</summary>
    public static IComparer<string> NaturalOrder { get; } = Comparer<string>.Create(static (a, b) =>
    {
        var (pa, na) = Split(LastSegment(a));
        var (pb, nb) = Split(LastSegment(b));
        var byPrefix = string.Compare(pa, pb, StringComparison.OrdinalIgnoreCase);
        return byPrefix != 0 ? byPrefix : na.CompareTo(nb);
    });

    public static string LastSegment(string entryName) => entryName[(entryName.LastIndexOf('/') + 1)..];

    private static (string Prefix, long Number) Split(string name)
    {
        var m = NumberPattern().Match(name);
        return m.Success ? (m.Groups[1].Value, long.TryParse(m.Groups[2].ValueSpan, out var n) ? n : 0) : (name, 0);
    }

    [GeneratedRegex(@"^(Archived)?Tickets\d*\.xml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TicketsPattern();

    [GeneratedRegex(@"^Users\d*\.xml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UsersPattern();

    [GeneratedRegex(@"^(Companies\d*|Customers\d*)\.xml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CompaniesPattern();

    [GeneratedRegex(@"^Groups\d*\.xml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GroupsPattern();

    [GeneratedRegex(@"^(\D*?)(\d*)\.xml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
