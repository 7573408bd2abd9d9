namespace ImportPortal.Tests.E2E.Infrastructure;

/// <summary>A portal with a configured Admin and a low lock-out count, shared by the shell tests.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string AdminEmail = "quan.tri@haravan.example";
    public const string AdminPassword = "Mật-khẩu-2026";
    public const int MaxFailedSignIns = 3;

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "importportal-e2e-" + Guid.NewGuid().ToString("N"));

    public PortalProcess Portal { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Portal = await PortalProcess.StartAsync(_dataDir, new Dictionary<string, string>
        {
            ["Portal__AdminEmail"] = AdminEmail,
            ["Portal__AdminPassword"] = AdminPassword,
            ["Portal__MaxFailedSignIns"] = MaxFailedSignIns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Attachments come from a file store on loopback (AttachmentOrigin).
            ["Portal__Runs__AttachmentHosts"] = "127.0.0.1",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        TempFolders.DeleteQuietly(_dataDir);
    }
}
