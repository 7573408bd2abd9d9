using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ImportPortal.Sites;

/// <summary>Encrypts and decrypts Frappe API secrets with the portal's Data Protection keys.</summary>
public sealed class SiteSecretProtector(IDataProtectionProvider provider)
{
    // Changing the purpose string would make every stored secret unreadable.
    private readonly IDataProtector _protector = provider.CreateProtector("ImportPortal.Sites.ApiSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret, or null when the keys that protected it are gone (the data folder's keys were replaced).</summary>
    public string? TryUnprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
