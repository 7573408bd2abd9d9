namespace FrappeSimulator.Validation;

/// <summary>
/// An error the way Frappe reports it: status, exception class, traceback tail and messages; <see cref="Frames"/>, when
/// given, the traceback's innermost frames as Python prints them (where the error was raised).
/// </summary>
public sealed record FrappeError(int Status, string ExcType, string? Exception, IReadOnlyList<ServerMessage> Messages, string? Frames = null)
{
    /// <summary>404 bodies carry no traceback, only exc_type and _server_messages.</summary>
    public bool HasTraceback => Status != 404 && Exception is not null;
}
