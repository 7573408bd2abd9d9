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

    /// <summary>The portal's sentences behind <see cref="Detail"/> (<see cref="Domain.Migration.PortalTextJson"/>), shown in the reader's language; null when the detail is data alone.</summary>
    public string? DetailText { get; set; }
}
