namespace ImportPortal.Domain.Frappe;

/// <summary>Thrown by an <see cref="IFrappeSite"/> when a call fails; <see cref="Error"/> says how and what to do.</summary>
public sealed class FrappeException : Exception
{
    public FrappeException(FrappeError error, Exception? inner = null)
        : base(error.Summary, inner) => Error = error;

    public FrappeException()
        : this(new FrappeError(FrappeErrorKind.ServerError, null, null, []))
    {
    }

    public FrappeException(string message)
        : this(new FrappeError(FrappeErrorKind.ServerError, null, null, [message]))
    {
    }

    public FrappeException(string message, Exception inner)
        : this(new FrappeError(FrappeErrorKind.ServerError, null, null, [message]), inner)
    {
    }

    public FrappeError Error { get; }
}
