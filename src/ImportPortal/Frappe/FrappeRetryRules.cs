using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ImportPortal.Frappe;

/// <summary>
/// When the HTTP layer may send a request again by itself: only when repeating cannot create anything twice.
/// GET, PUT (the same body) and DELETE (a repeat finds the document gone: 404, which the caller reads as deleted) are
/// safe; any request the server answered with 429 was refused before it ran;
/// a request that never left (no connection, open circuit) is safe. A POST that may have reached the server is
/// never re-sent here: its fate is unknown, and the caller looks the document up first.
/// </summary>
public static class FrappeRetryRules
{
    public static bool IsSafeToRetry(HttpMethod method, Outcome<HttpResponseMessage> outcome)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (outcome.Result is { } response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return true;
            }

            return IsRepeatable(method) && IsTransientStatus(response.StatusCode);
        }

        return outcome.Exception switch
        {
            null => false,
            // A certificate this server does not trust stays untrusted: the operator hears of it at once.
            _ when UntrustedCertificate(outcome.Exception) is not null => false,
            _ when NeverSent(outcome.Exception) => true,
            HttpRequestException or TimeoutRejectedException => IsRepeatable(method),
            _ => false,
        };
    }

    /// <summary>The request certainly did not reach the server: no connection was made, or the circuit refused it.</summary>
    public static bool NeverSent(Exception exception) => exception switch
    {
        BrokenCircuitException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } => true,
        _ => false,
    };

    /// <summary>The certificate refusal somewhere in the exception's causes, when the TLS handshake failed on it.</summary>
    public static System.Security.Authentication.AuthenticationException? UntrustedCertificate(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is System.Security.Authentication.AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static bool IsRepeatable(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;
}
