using Hangfire;
using Hangfire.Storage.SQLite;
using ImportPortal.Security;
using Microsoft.Extensions.Options;

namespace ImportPortal.Jobs;

internal static class JobsServiceCollectionExtensions
{
    public const string StorageFileName = "hangfire.db";

    public static IServiceCollection AddImportJobs(this IServiceCollection services)
    {
        services.AddHangfire((provider, hangfire) =>
        {
            var portal = provider.GetRequiredService<IOptions<PortalOptions>>().Value;
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseSQLiteStorage(
                    Path.Combine(portal.DataDirFullPath, StorageFileName),
                    new SQLiteStorageOptions { QueuePollInterval = portal.JobPollInterval });
        });
        services.AddHangfireServer(server => server.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2));
        return services;
    }

    /// <summary>The Hangfire dashboard, for signed-in Admins only; others get the access-denied page.</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints
            .MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                // Endpoint authorization below decides; Hangfire's default (local requests only) would refuse everyone behind a proxy.
                Authorization = [new AuthenticatedDashboardAuthorization()],
                AppPath = "/",
                DashboardTitle = "ImportPortal jobs",
            })
            .RequireAuthorization(PortalRoles.AdminPolicy);
        return endpoints;
    }
}
