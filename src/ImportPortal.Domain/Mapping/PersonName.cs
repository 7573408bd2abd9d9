namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Splits a full name into Frappe's <c>first_name</c> (the given name) and <c>last_name</c> (the family name).
/// Vietnamese: the first word is the family name, the rest the given name ("Nguyễn Văn Anh" → "Văn Anh" / "Nguyễn").
/// Western: the last word is the family name ("Mary Ann Smith" → "Mary Ann" / "Smith"). A single word is a first name.
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
            _ => order == NameOrder.Vietnamese ? string.Join(' ', words, 1, words.Length - 1) : string.Join(' ', words, 0, words.Length - 1),
        };
    }

    public static string LastName(string? fullName, NameOrder order)
    {
        var words = Words(fullName);
        return words.Length < 2 ? "" : order == NameOrder.Vietnamese ? words[0] : words[^1];
    }

    private static string[] Words(string? fullName) =>
        string.IsNullOrWhiteSpace(fullName) ? [] : fullName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
