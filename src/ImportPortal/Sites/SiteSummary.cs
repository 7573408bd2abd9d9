namespace ImportPortal.Sites;

/// <summary>What the browser may know of a site: everything but the secret.</summary>
public sealed record SiteSummary(
    Guid Id,
    string Name,
    string BaseUrl,
    string ApiKey,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SecretChangedAt,
    DateTimeOffset? PreflightAt,
    string? PreflightWorst);
