using ImportPortal.Resources;
using ImportPortal.Security;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Components.Shared;

/// <summary>Turns an account error into the operator's language, falling back to Identity's English text.</summary>
internal static class AccountText
{
    public static string Describe(IStringLocalizer<SharedResource> strings, AccountError error)
    {
        var text = strings[error.Key];
        return text.ResourceNotFound ? error.Fallback ?? error.Key : text.Value;
    }
}
