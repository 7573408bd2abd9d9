using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A job as a Hangfire worker gets it back from the job store, serialized as the portal configures Hangfire.</summary>
public static class JobStore
{
    public static Job RoundTrip(Job job)
    {
        // As AddImportJobs configures Hangfire: these settings are process-wide, and the same in every test.
        GlobalConfiguration.Configuration.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
        return InvocationData.DeserializePayload(InvocationData.SerializeJob(job).SerializePayload()).DeserializeJob();
    }
}
