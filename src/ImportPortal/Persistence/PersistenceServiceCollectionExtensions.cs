using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Persistence;

internal static class PersistenceServiceCollectionExtensions
{
    public const string DatabaseFileName = "portal.db";

    private static readonly SqlitePragmas Pragmas = new();
    private static readonly SqliteReadInterrupt ReadInterrupt = new();

    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.TryAddSingletonTimeProvider();
        // The factory also registers the context as scoped (Identity uses that); Blazor circuits use the factory.
        services.AddDbContextFactory<PortalDbContext>((provider, db) =>
        {
            var portal = provider.GetRequiredService<IOptions<PortalOptions>>().Value;
            var path = Path.Combine(portal.DataDirFullPath, DatabaseFileName);
            db.UseSqlite($"Data Source={path};Foreign Keys=True").AddInterceptors(Pragmas, ReadInterrupt);
        });
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<DataFolderSpace>();
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
