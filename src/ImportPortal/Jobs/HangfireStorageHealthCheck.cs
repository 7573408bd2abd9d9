using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImportPortal.Jobs;

/// <summary>Healthy when the job storage answers and at least one Hangfire server is registered with it.</summary>
internal sealed class HangfireStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers().Count;
            var data = new Dictionary<string, object>
            {
                ["servers"] = servers,
                ["enqueued"] = monitoring.EnqueuedCount("default"),
                ["failed"] = monitoring.FailedCount(),
            };
            return Task.FromResult(servers > 0
                ? HealthCheckResult.Healthy("Job storage answers", data)
                : HealthCheckResult.Degraded("Job storage answers, but no job server is running", data: data));
        }
#pragma warning disable CA1031 // A health check reports any failure instead of throwing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Job storage does not answer", ex));
        }
    }
}
