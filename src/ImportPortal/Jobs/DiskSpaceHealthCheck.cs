using ImportPortal.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImportPortal.Jobs;

/// <summary>
/// Degraded when the data folder's disk runs low (under four times what an upload must leave free), so monitoring hears
/// of it before a run stops on a full disk. Never Unhealthy: an operator still needs the portal to delete what fills it.
/// </summary>
internal sealed class DiskSpaceHealthCheck(DataFolderSpace space) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var use = await space.ReadAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["freeBytes"] = use.FreeBytes ?? -1,
            ["databaseBytes"] = use.DatabaseBytes,
            ["uploadBytes"] = use.UploadBytes,
            ["keepFreeBytes"] = use.KeepFreeBytes,
        };
        return use.Low
            ? HealthCheckResult.Degraded("The data folder's disk is running low: delete uploads and runs no longer needed", data: data)
            : HealthCheckResult.Healthy(use.FreeBytes is null ? "The disk's free space cannot be read" : "The data folder's disk has room", data);
    }
}
