using Microsoft.Playwright;

namespace ImportPortal.Tests.E2E.Infrastructure;

/// <summary>
/// One headless Chromium for the test run: Debian's /usr/bin/chromium (or PORTAL_CHROMIUM), never a downloaded browser.
/// If it cannot start, every browser test fails with the reason: they never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("PORTAL_CHROMIUM") is { Length: > 0 } custom ? custom : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}. Install Debian's chromium (apt-get install -y chromium) or set PORTAL_CHROMIUM; ./test.sh does this when run as root.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
