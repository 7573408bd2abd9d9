using ImportPortal.Jobs;

namespace ImportPortal.Runs;

internal static class RunsServiceCollectionExtensions
{
    public static IServiceCollection AddImportRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RunsOptions>(configuration.GetSection(RunsOptions.SectionName));
        services.AddSingleton<ProgressFeed<RunProgress>>();
        services.AddSingleton<ProgressFeed<RunQuietChange>>();
        services.AddSingleton<SiteQuiet>();
        services.AddSingleton<RunService>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<RunDownloads>();
        services.AddTransient<RunPlanner>();
        services.AddTransient<RunImportJob>();
        services.AddTransient<RetryRecordsJob>();
        services.AddTransient<RestoreSiteJob>();
        services.AddHostedService<RunRecovery>();
        return services;
    }
}
