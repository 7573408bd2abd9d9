namespace ImportPortal.Sites;

/// <summary>A Frappe site the portal imports into. The API secret is stored only in protected form.</summary>
public sealed class Site
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string BaseUrl { get; set; }

    public required string ApiKey { get; set; }

    /// <summary>The API secret, encrypted with ASP.NET Data Protection; never shown, never sent to the browser.</summary>
    public required string ProtectedSecret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SecretChangedAt { get; set; }

    /// <summary>The last preflight report as JSON, with each check's raw facts.</summary>
    public string? PreflightJson { get; set; }

    public DateTimeOffset? PreflightAt { get; set; }
}
