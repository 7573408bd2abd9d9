namespace FrappeSimulator.Documents;

/// <summary>The user a request runs as (the owner of the API key).</summary>
public sealed record SessionUser(string Name, string Email, string FullName)
{
    public static SessionUser Administrator { get; } = new("Administrator", "admin@example.com", "Administrator");
}
