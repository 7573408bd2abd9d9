namespace ImportPortal.Sites;

internal static class SitesServiceCollectionExtensions
{
    public static IServiceCollection AddSiteManagement(this IServiceCollection services)
    {
        services.AddSingleton<SiteSecretProtector>();
        services.AddSingleton<SiteCatalog>();
        services.AddSingleton<SitePreflight>();
        services.AddSingleton<SiteFields>();
        return services;
    }
}
