namespace ImportPortal.Domain.Mapping;

/// <summary>One step a value goes through on its way from the source to a field; see <see cref="TransformStep"/> for the arguments.</summary>
public enum TransformKind
{
    Trim,
    Lower,
    Upper,

    /// <summary>The given name of a full name, in the profile's <see cref="NameOrder"/> (or <c>Arg</c>).</summary>
    FirstName,

    /// <summary>The family name of a full name, in the profile's <see cref="NameOrder"/> (or <c>Arg</c>).</summary>
    LastName,

    /// <summary>A date and time in the source zone (or <c>Arg</c>, an IANA zone), written as <c>YYYY-MM-DD HH:MM:SS</c> in the site's zone.</summary>
    DateTime,

    /// <summary>As <see cref="DateTime"/>, written as the site's <c>YYYY-MM-DD</c>.</summary>
    Date,

    /// <summary>As <see cref="DateTime"/>, written as the site's <c>HH:MM:SS</c>.</summary>
    Time,

    /// <summary>Replaces a value through <c>Map</c> (case-insensitive); an unknown value is a problem, and takes <c>Fallback</c> when given.</summary>
    ValueMap,

    /// <summary>Cuts to <c>Arg</c> characters (the field's own length is applied anyway).</summary>
    Truncate,

    /// <summary>Turns HTML into plain text.</summary>
    StripHtml,

    /// <summary>Uses <c>Arg</c> when the value is empty.</summary>
    Default,

    /// <summary>Keeps the address of "Name &lt;address&gt;" and checks it is an e-mail address.</summary>
    Email,

    /// <summary>Writes the value as a JSON number (Check and Int fields are numbers anyway).</summary>
    Number,

    /// <summary>
    /// Replaces a value through the lookup table named <c>Arg</c> (a user id to the user's e-mail); a key the table
    /// lacks is a problem, or takes <c>Fallback</c> when one is given ("" leaves the value empty).
    /// </summary>
    Lookup,

    /// <summary>
    /// A list of e-mail addresses (recipients, cc), separated by commas or semicolons, "Name &lt;address&gt;" allowed:
    /// written as Frappe's comma-separated list, each address once. Frappe refuses a whole message for one address it
    /// cannot read, so such an address is left out of the list with a warning.
    /// </summary>
    EmailList,
}
