namespace ImportPortal.Security;

/// <summary>What an account operation did: success, or resource keys of the reasons it was refused.</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyList<AccountError> Errors)
{
    public static AccountResult Ok { get; } = new(true, []);

    public static AccountResult Fail(string key, string? fallback = null) => new(false, [new AccountError(key, fallback)]);
}
