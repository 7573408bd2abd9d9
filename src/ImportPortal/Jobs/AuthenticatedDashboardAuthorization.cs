using Hangfire.Dashboard;
using ImportPortal.Security;

namespace ImportPortal.Jobs;

/// <summary>Second line behind the endpoint policy: the dashboard's own check also demands an Admin.</summary>
internal sealed class AuthenticatedDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsInRole(PortalRoles.Admin);
}
