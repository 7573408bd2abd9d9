namespace ImportPortal.Persistence;

/// <summary>Who did what, when: sign-in administration now, site changes and run actions later.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string Subject { get; set; }

    public string? Detail { get; set; }
}
