using System.Security.Claims;
using ImportPortal.Domain.Migration;

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

    /// <summary>
    /// An action on a run, its detail kept as the portal's sentences (<see cref="AuditTexts"/>): the activity log shows
    /// them in the reader's language, <see cref="AuditEvent.Detail"/> keeps their English.
    /// </summary>
    public void Record(string actor, string action, string subject, params PortalText[] detail) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            Subject = subject,
            Detail = detail.Length == 0 ? null : PortalText.Join(detail.Select(d => d.English)),
            DetailText = PortalTextJson.WriteStored(detail),
        });
}
