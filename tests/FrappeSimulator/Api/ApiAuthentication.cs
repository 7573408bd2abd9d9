using System.Text;
using FrappeSimulator.Documents;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>"token key:secret" or "Basic base64(key:secret)"; anything else unparsable is Guest.</summary>
static class ApiAuthentication
{
    /// <summary>The API user, null for Guest; a wrong key or secret is a 401.</summary>
    public static SessionUser? Resolve(HttpRequest request, string apiKey, string apiSecret, SessionUser apiUser)
    {
        var parts = request.Headers.Authorization.ToString().Split(' ');
        if (parts.Length != 2)
        {
            return null;
        }

        var credentials = parts[0].ToLowerInvariant() switch
        {
            "token" => parts[1],
            "basic" => DecodeBasic(parts[1]),
            _ => null,
        };
        if (credentials is null)
        {
            return null;
        }

        var pair = credentials.Split(':');
        return pair.Length == 2 && pair[0] == apiKey && pair[1] == apiSecret
            ? apiUser
            : throw new FrappeException(FrappeErrors.Authentication());
    }

    static string DecodeBasic(string encoded)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw FrappeErrors.Fail("InvalidAuthorizationToken", "Invalid Authorization Token", 400);
        }
    }
}
