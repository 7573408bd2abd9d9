namespace ImportPortal.Domain.Frappe;

/// <summary>
/// A failed Frappe call, decoded: the HTTP status, Frappe's exception type, the human messages it sent
/// (from <c>_server_messages</c>, <c>_error_message</c> or the v2 <c>errors</c> list, HTML reduced to text),
/// and what kind of failure it is.
/// </summary>
public sealed record FrappeError(
    FrappeErrorKind Kind,
    int? HttpStatus,
    string? ExcType,
    IReadOnlyList<string> Messages,
    bool IsProxyPage = false,
    TimeSpan? RetryAfter = null,
    string? Detail = null,
    string? Cause = null,
    string? Traceback = null)
{
    /// <summary><see cref="Cause"/> of a site whose HTTPS certificate this server does not trust.</summary>
    public const string CertificateCause = "certificate";

    /// <summary><see cref="Cause"/> of a call not made because the site failed too often just before (the circuit is open).</summary>
    public const string CircuitOpenCause = "circuit-open";

    /// <summary>No HTTP answer came: no connection, no TLS, a timeout, a cut, or the call was not made.</summary>
    public bool IsUnanswered => HttpStatus is null && (Kind is FrappeErrorKind.Transient or FrappeErrorKind.UnknownFate || Cause is not null);

    /// <summary>The line to show first: Frappe's own message when it sent one, else its exception type or the HTTP status.</summary>
    public string Summary =>
        Messages.Count > 0 ? Messages[0]
        : ExcType is not null ? ExcType
        : Detail is not null ? Detail
        : HttpStatus is { } status ? $"HTTP {status}"
        : Kind.ToString();

    /// <summary>The site answered with a redirect, which is not followed: <see cref="Messages"/> holds where it points (scheme and host).</summary>
    public bool IsRedirect => HttpStatus is >= 300 and < 400;

    /// <summary>A redirect answer: the site serves under another address (https:// for http://, another host). Not retried.</summary>
    public static FrappeError Redirect(int status, string target, string? location) =>
        new(FrappeErrorKind.ServerError, status, null, [target], Detail: $"HTTP {status} redirect to {location}");

    /// <summary>The TLS handshake failed on the site's certificate: nothing was sent, and sending again fails the same way.</summary>
    public static FrappeError UntrustedCertificate(string detail) => new(FrappeErrorKind.ServerError, null, null, [], Detail: detail, Cause: CertificateCause);

    /// <summary>Not sent: the site failed too often just before, and calls to it rest for a moment.</summary>
    public static FrappeError CircuitOpen(string detail) => new(FrappeErrorKind.Transient, null, null, [], Detail: detail, Cause: CircuitOpenCause);

    public static FrappeError UnknownFate(string detail) => new(FrappeErrorKind.UnknownFate, null, null, [], Detail: detail);

    public static FrappeError NotSent(string detail) => new(FrappeErrorKind.Transient, null, null, [], Detail: detail);
}
