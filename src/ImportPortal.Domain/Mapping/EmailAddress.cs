using System.Text.RegularExpressions;

namespace ImportPortal.Domain.Mapping;

/// <summary>E-mail addresses as Frappe's <c>validate_email_address</c> accepts them.</summary>
public static partial class EmailAddress
{
    /// <summary>The address of "Name &lt;address&gt;", or the trimmed text.</summary>
    public static string Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.LastIndexOf('<');
        var close = text.LastIndexOf('>');
        return open >= 0 && close > open ? text[(open + 1)..close].Trim() : text.Trim();
    }

    public static bool IsValid(string? address) => address is { Length: > 2 and <= 254 } && Pattern().IsMatch(address);

    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
