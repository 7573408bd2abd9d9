using ImportPortal.Resources;
using ImportPortal.Security;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Persistence;

internal static class AuditEndpoints
{
    /// <summary>The activity log as CSV, for Admins: what the page's filter shows, every page of it, in the request's language.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/activity.csv", async (string? group, string? q, string? subject, AuditTrail trail, IStringLocalizer<SharedResource> labels, HttpContext http, CancellationToken ct) =>
        {
            var filter = new AuditFilter(AuditTrail.Groups.Contains(group) ? group : null, q, AuditTrail.ActionsSaying(labels, q), 0, int.MaxValue) { Subject = subject };
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"activity-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
            await trail.WriteCsvAsync(filter, labels, http.Response.Body, ct);
            return Results.Empty;
        }).RequireAuthorization(PortalRoles.AdminPolicy);
        return endpoints;
    }
}
