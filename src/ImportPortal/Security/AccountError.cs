namespace ImportPortal.Security;

/// <summary>A reason an account operation was refused: a resource key, and Identity's English text when there is no key.</summary>
public sealed record AccountError(string Key, string? Fallback);
