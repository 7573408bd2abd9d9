namespace FrappeSimulator.Documents;

/// <summary>Frappe's random 10-character names ("jm2qo13sha").</summary>
static class HashName
{
    const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string New() => string.Create(10, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        }
    });
}
