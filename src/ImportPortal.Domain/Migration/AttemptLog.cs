namespace ImportPortal.Domain.Migration;

/// <summary>One request the loop made for a record: what, when, how long, and what came back.</summary>
public sealed record AttemptLog(
    DateTimeOffset At,
    string Request,
    TimeSpan Duration,
    string Outcome,
    int? HttpStatus = null,
    string? ExcType = null,
    string? Message = null);
