using ImportPortal.Persistence;
using ImportPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal;

internal static class PortalHostingExtensions
{
    /// <summary>Binds <see cref="PortalOptions"/> and makes sure the data folder exists before anything opens a file in it.</summary>
    public static PortalOptions AddPortalOptions(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalOptions.SectionName);
        builder.Services.Configure<PortalOptions>(section);
        var options = section.Get<PortalOptions>() ?? new PortalOptions();
        Directory.CreateDirectory(options.DataDirFullPath);
        return options;
    }

    /// <summary>Applies migrations and creates the configured Admin; runs once at start-up, before requests are served.</summary>
    public static async Task PreparePortalDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync();
        if (await DatabaseSpace.AutoVacuumAsync(db, CancellationToken.None) != DatabaseSpace.Incremental)
        {
            var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSpace));
            log.LogInformation("Rebuilding the portal database once, so that deleted runs give their space back to the disk");
            try
            {
                await DatabaseSpace.MakeReclaimableAsync(db, CancellationToken.None);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                // A rebuild needs room for a copy of the file: without it the portal still starts, and later runs
                // reuse the pages deleted runs freed; it is tried again at the next start.
                log.LogWarning(ex, "The portal database could not be rebuilt ({Reason}); deleted runs' space is reused but not given back to the disk", ex.Message);
            }
        }

        var options = scope.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value;
        var accounts = scope.ServiceProvider.GetRequiredService<PortalAccounts>();
        await accounts.EnsureRolesAsync();
        if (options.HasConfiguredAdmin)
        {
            await accounts.EnsureConfiguredAdminAsync(options.AdminEmail!, options.AdminPassword!);
        }
    }
}
