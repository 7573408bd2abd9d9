using System.Text.RegularExpressions;

namespace FrappeSimulator.Validation;

/// <summary>Frappe's e-mail check: "Name &lt;addr&gt;" is accepted, the address must look like user@domain.tld.</summary>
static partial class EmailAddress
{
    public static bool IsValid(string text) => Address(text) is { } address && AddressPattern().IsMatch(address);

    /// <summary>The bare address of "Name &lt;addr&gt;" or of a plain address.</summary>
    public static string? Address(string text)
    {
        var match = NamedPattern().Match(text.Trim());
        return match.Success ? match.Groups["address"].Value.Trim() : text.Trim();
    }

    public static string? DisplayName(string text)
    {
        var match = NamedPattern().Match(text.Trim());
        return match.Success && match.Groups["name"].Value.Trim().Trim('"') is { Length: > 0 } name ? name : null;
    }

    public static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.IgnoreCase)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^(?<name>[^<]*)<(?<address>[^>]+)>$")]
    private static partial Regex NamedPattern();
}
