namespace ImportPortal.Security;

/// <summary>One row of the Users page.</summary>
public sealed record UserSummary(string Id, string Email, string? DisplayName, string Role, bool IsDisabled, bool IsLockedOut, DateTimeOffset CreatedAt);
