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
            await DatabaseSpace.MakeReclaimableAsync(db, CancellationToken.None);
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
