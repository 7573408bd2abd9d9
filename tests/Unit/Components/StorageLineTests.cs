using System.Text;
using System.Text.RegularExpressions;
using Bunit;
using ImportPortal.Components.Shared;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Uploads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImportPortal.Tests.Unit.Components;

/// <summary>
/// Where space is taken and given back (uploads, runs), the operator sees what the disk has left, and is warned in
/// time to free some: a run stops when the disk is full. The data folder is real, and so is the disk's free space.
/// </summary>
public sealed class StorageLineTests : PortalComponentTest
{
    private const string Export = "Mã phiếu,Tiêu đề\n1,Không đăng nhập được\n";

    private static async Task<PortalServices> PortalAsync(long keepFree)
    {
        var portal = await PortalServices.StartAsync((services, _) =>
        {
            services.Configure<UploadOptions>(o => o.KeepFreeBytes = keepFree);
            services.AddSingleton<UploadStore>();
        });
        var saved = await portal.Get<UploadStore>().SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Export)), "Tickets.csv", "van.hanh", null, CancellationToken.None);
        Assert.True(saved.Succeeded, saved.ProblemKey);
        return portal;
    }

    [Theory]
    [InlineData("en", @"^Server disk: [0-9.,]+ [KMGT]?B free · the portal's database [0-9.,]+ [KM]B · uploads 56 B$")]
    [InlineData("vi", @"^Ổ đĩa máy chủ: còn trống [0-9.,]+ [KMGT]?B · cơ sở dữ liệu của cổng nhập [0-9.,]+ [KM]B · tệp tải lên 56 B$")]
    public async Task The_disk_left_the_database_and_the_uploads_are_shown_in_the_readers_language(string culture, string line)
    {
        UseCulture(culture);
        await using var portal = await PortalAsync(keepFree: 1024 * 1024);
        Services.AddSingleton(portal.Get<DataFolderSpace>());

        var shown = Render<StorageLine>();

        await shown.WaitForAssertionAsync(() => Assert.Matches(line, shown.Find("[data-testid=storage-line]").TextContent.Trim()));
        Assert.Equal("false", shown.Find("[data-testid=storage-line]").GetAttribute("data-low"));
        Assert.Empty(shown.FindAll("[data-testid=storage-low]"));
    }

    [Fact]
    public async Task A_disk_running_low_is_a_warning_on_the_page_and_a_degraded_health_check()
    {
        UseCulture("vi");
        await using var portal = await PortalAsync(keepFree: 1024 * 1024);
        // Keeping more free than any disk here has: the disk is "low" against it.
        var space = new DataFolderSpace(portal.Get<IOptions<PortalOptions>>(), Options.Create(new UploadOptions { KeepFreeBytes = 1L << 48 }),
            portal.Get<IDbContextFactory<PortalDbContext>>());
        Services.AddSingleton(space);

        var shown = Render<StorageLine>();

        await shown.WaitForAssertionAsync(() => Assert.Single(shown.FindAll("[data-testid=storage-low]")));
        Assert.Matches(new Regex(@"^Ổ đĩa máy chủ chỉ còn trống [0-9.,]+ [KMGT]?B: tệp tải lên phải chừa lại 256 TB, và lượt nhập sẽ dừng khi đĩa đầy\."),
            shown.Find("[data-testid=storage-low]").TextContent.Trim());

        var health = await new DiskSpaceHealthCheck(space).CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(56L, health.Data["uploadBytes"]);
        Assert.True((long)health.Data["databaseBytes"] > 0);
    }

    [Fact]
    public async Task A_disk_with_room_is_a_healthy_check()
    {
        await using var portal = await PortalAsync(keepFree: 1024 * 1024);

        var health = await new DiskSpaceHealthCheck(portal.Get<DataFolderSpace>()).CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.True((long)health.Data["freeBytes"] > 4 * 1024 * 1024);
    }
}
