using ImportPortal.Persistence;
using ImportPortal.Runs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportPortal.Tests.Unit.Infrastructure;

/// <summary>
/// The portal's services over a real data folder and SQLite file, migrated like at start-up, for tests that need
/// persistence. Each instance owns its own folder and removes it when disposed.
/// </summary>
public sealed class PortalServices : IAsyncDisposable
{
    private PortalServices(string dataDir, ServiceProvider provider, CapturingLoggerProvider logs)
    {
        DataDir = dataDir;
        Provider = provider;
        Logs = logs;
    }

    public string DataDir { get; }

    public ServiceProvider Provider { get; }

    public CapturingLoggerProvider Logs { get; }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public static async Task<PortalServices> StartAsync(Action<IServiceCollection, PortalOptions> register)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "importportal-unit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.Configure<PortalOptions>(o => o.DataDir = dataDir);
        services.AddPersistence();
        register(services, new PortalOptions { DataDir = dataDir });
        var provider = services.BuildServiceProvider();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        return new PortalServices(dataDir, provider, logs);
    }

    /// <summary>An empty portal with everything an import needs (sites, uploads, profiles, runs), as the pages use it.</summary>
    public static Task<PortalServices> StartImportMachineryAsync() =>
        StartAsync((services, options) =>
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDir, "keys")));
            services.AddLocalization();
            services.AddImportMachinery(new ConfigurationBuilder().Build());
        });

    public async Task<T> InDatabaseAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await DeleteDataDirAsync();
    }

    // A page's load that began before the test ended may still open the database (its -wal and -shm files appear)
    // while the folder is deleted: it ends within moments, so the folder is deleted again rather than failing the test.
    private async Task DeleteDataDirAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt > 1)
            {
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
        }
    }
}
