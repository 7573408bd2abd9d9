namespace ImportPortal.Uploads;

internal static class UploadsServiceCollectionExtensions
{
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.SectionName));
        services.AddSingleton<UploadStore>();
        services.AddSingleton<Jobs.ProgressFeed<UploadProgress>>();
        services.AddTransient<Jobs.ProfileUploadJob>();
        return services;
    }
}
