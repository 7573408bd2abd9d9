namespace FrappeSimulator.Faults;

/// <summary>The ways the simulator can misbehave on a request.</summary>
public enum FaultKind
{
    /// <summary>500 QueryDeadlockError before anything is stored.</summary>
    Deadlock,

    /// <summary>nginx-style HTML 502 Bad Gateway page, nothing stored.</summary>
    BadGateway,

    /// <summary>nginx-style HTML 504 Gateway Time-out page, nothing stored.</summary>
    GatewayTimeout,

    /// <summary>The connection is cut before the request is processed.</summary>
    ConnectionReset,

    /// <summary>The request is processed and committed, then the connection is cut before any response byte.</summary>
    CommitThenDrop,
}
