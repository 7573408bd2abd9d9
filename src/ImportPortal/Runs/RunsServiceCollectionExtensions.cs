using ImportPortal.Frappe;
using ImportPortal.Jobs;
using ImportPortal.Mappings;
using ImportPortal.Sites;
using ImportPortal.Uploads;

namespace ImportPortal.Runs;

internal static class RunsServiceCollectionExtensions
{
    /// <summary>
    /// What an import needs, from the Frappe client to the run jobs: sites, uploads, mapping profiles, the job queue's
    /// progress feeds and the runs. One list for the app, the run tests and the benchmark, so they run the same parts.
    /// </summary>
    public static IServiceCollection AddImportMachinery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFrappeSites(configuration);
        services.AddSiteManagement();
        services.AddUploads(configuration);
        services.AddMappingProfiles();
        services.AddImportJobs();
        services.AddImportRuns(configuration);
        return services;
    }

    public static IServiceCollection AddImportRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RunsOptions>(configuration.GetSection(RunsOptions.SectionName));
        services.AddSingleton<ProgressFeed<RunProgress>>();
        services.AddSingleton<ProgressFeed<RunQuietChange>>();
        services.AddSingleton<ProgressFeed<RunRemovalProgress>>();
        services.AddSingleton<RunRemovals>();
        services.AddSingleton<ProgressFeed<RunCheckProgress>>();
        services.AddSingleton<RunChecks>();
        services.AddTransient<RemoveRunJob>();
        services.AddTransient<CheckRunJob>();
        services.AddTransient<RecreateMissingJob>();
        services.AddSingleton<SiteQuiet>();
        services.AddSingleton<RunService>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<RunDownloads>();
        services.AddTransient<RunPlanner>();
        services.AddTransient<RunImportJob>();
        services.AddTransient<RetryRecordsJob>();
        services.AddTransient<SendWindowJob>();
        services.AddTransient<RestoreSiteJob>();
        services.AddTransient<DeleteRunRecordsJob>();
        services.AddHostedService<RunRecovery>();
        services.AddSingleton<RunWatchdog>();
        services.AddHostedService(sp => sp.GetRequiredService<RunWatchdog>());
        return services;
    }
}
