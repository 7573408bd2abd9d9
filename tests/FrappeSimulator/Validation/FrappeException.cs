namespace FrappeSimulator.Validation;

/// <summary>Thrown anywhere in request handling; the API layer turns it into Frappe's error body.</summary>
public sealed class FrappeException : Exception
{
    public FrappeException()
        : this(FrappeErrors.Throw("ValidationError", "Error"))
    {
    }

    public FrappeException(string message)
        : this(FrappeErrors.Throw("ValidationError", message))
    {
    }

    public FrappeException(string message, Exception innerException)
        : base(message, innerException) => Error = FrappeErrors.Throw("ValidationError", message);

    public FrappeException(FrappeError error)
        : base(error.ExcType) => Error = error;

    public FrappeError Error { get; }
}
