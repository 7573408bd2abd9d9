using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportPortal.Bench;

/// <summary>A portal database of its own (a real SQLite file in a temp folder) for a scenario without the app; deleted with it.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string dataDir, ServiceProvider services)
    {
        DataDir = dataDir;
        Services = services;
        Databases = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    }

    public string DataDir { get; }

    public ServiceProvider Services { get; }

    public IDbContextFactory<PortalDbContext> Databases { get; }

    public static BenchDatabase Create(string scenario)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"importportal-bench-{scenario}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.Configure<PortalOptions>(o => o.DataDir = dataDir);
        services.AddPersistence();
        return new BenchDatabase(dataDir, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
    }
}
