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
    string? Detail = null)
{
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

    public static FrappeError UnknownFate(string detail) => new(FrappeErrorKind.UnknownFate, null, null, [], Detail: detail);

    public static FrappeError NotSent(string detail) => new(FrappeErrorKind.Transient, null, null, [], Detail: detail);
}
