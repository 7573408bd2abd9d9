namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Splits a full name into Frappe's <c>first_name</c> and <c>last_name</c>, which Frappe joins in that order into the
/// name it shows (<c>full_name</c>) and names a contact by ("First Last-Organisation"). Either way the written name comes
/// back as written. Vietnamese: the family name, written first, goes to <c>first_name</c> and the rest to
/// <c>last_name</c> ("Nguyễn Văn Anh" → "Nguyễn" / "Văn Anh"), as the recorded Helpdesk probes post Vietnamese contacts;
/// the given name in <c>first_name</c> would show as "Văn Anh Nguyễn". Western: the last word is the family name
/// ("Mary Ann Smith" → "Mary Ann" / "Smith"). A single word is a first name.
/// </summary>
public static class PersonName
{
    public static string FirstName(string? fullName, NameOrder order)
    {
        var words = Words(fullName);
        return words.Length switch
        {
            0 => "",
            1 => words[0],
            _ => order == NameOrder.Vietnamese ? words[0] : string.Join(' ', words, 0, words.Length - 1),
        };
    }

    public static string LastName(string? fullName, NameOrder order)
    {
        var words = Words(fullName);
        return words.Length < 2 ? "" : order == NameOrder.Vietnamese ? string.Join(' ', words, 1, words.Length - 1) : words[^1];
    }

    private static string[] Words(string? fullName) =>
        string.IsNullOrWhiteSpace(fullName) ? [] : fullName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
