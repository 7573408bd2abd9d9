using ImportPortal.Domain.Frappe;
using ImportPortal.Resources;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Components.Shared;

/// <summary>Says in the operator's language what went wrong with a Frappe call and what to do; Frappe's own words ride along.</summary>
internal static class FrappeErrorText
{
    public static string Describe(IStringLocalizer<SharedResource> strings, FrappeError error)
    {
        ArgumentNullException.ThrowIfNull(strings);
        ArgumentNullException.ThrowIfNull(error);
        var key = error switch
        {
            { Cause: FrappeError.CertificateCause } => "FrappeError.Certificate",
            { Cause: FrappeError.CircuitOpenCause } => "FrappeError.CircuitOpen",
            { Kind: FrappeErrorKind.AuthOrPermission, HttpStatus: 401 } or { ExcType: "AuthenticationError" } => "FrappeError.AuthRefused",
            { Kind: FrappeErrorKind.AuthOrPermission } => "FrappeError.Permission",
            { Kind: FrappeErrorKind.Transient, HttpStatus: null } => "FrappeError.Unreachable",
            { IsRedirect: true } => "FrappeError.Redirected",
            _ => "FrappeError." + error.Kind,
        };
        return strings[key, error.Summary];
    }
}
