using System.Security.Claims;

namespace ImportPortal.Persistence;

/// <summary>Writes <see cref="AuditEvent"/> rows; the caller's unit of work decides when they are saved.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider time)
{
    public void Record(ClaimsPrincipal actor, string action, string subject, string? detail = null) =>
        Record(actor.Identity?.Name ?? "system", action, subject, detail);

    public void Record(string actor, string action, string subject, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            Subject = subject,
            Detail = detail,
        });
}
