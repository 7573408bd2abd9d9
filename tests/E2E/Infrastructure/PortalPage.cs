using Microsoft.Playwright;

namespace ImportPortal.Tests.E2E.Infrastructure;

/// <summary>A browser tab on the portal, with the steps every test repeats, and screenshots saved as artifacts.</summary>
public sealed class PortalPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly IPage page;
    private readonly Uri baseUrl;
    private readonly string testName;
    private readonly List<string> _browserLog = [];
    private int _shot;

    private PortalPage(IBrowserContext context, IPage page, Uri baseUrl, string testName)
    {
        this.context = context;
        this.page = page;
        this.baseUrl = baseUrl;
        this.testName = testName;
        page.Console += (_, message) => _browserLog.Add($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => _browserLog.Add("page error: " + error);
        page.RequestFailed += (_, request) => _browserLog.Add($"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _browserLog.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    /// <summary>What the browser reported (console, page errors, failed requests): printed when a wait times out.</summary>
    public string BrowserLog => string.Join('\n', _browserLog);

    public IPage Page => page;

    public static async Task<PortalPage> OpenAsync(IBrowser browser, Uri baseUrl, string testName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(15_000);
        return new PortalPage(context, await context.NewPageAsync(), baseUrl, testName);
    }

    public Uri Url(string relative) => new(baseUrl, relative);

    public Task<IResponse?> GotoAsync(string relative) => page.GotoAsync(relative);

    public async Task SignInAsync(string email, string password)
    {
        if (!page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("account/login");
        }

        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public async Task SignInAndWaitAsync(string email, string password)
    {
        await SignInAsync(email, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await WaitForCircuitAsync();
    }

    /// <summary>Blazor renders first and connects after; a click before the circuit is up would be lost.</summary>
    public async Task WaitForCircuitAsync()
    {
        try
        {
            await page.GetByTestId("circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException ex)
        {
            await ScreenshotAsync("no-circuit");
            await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.ArtifactsDir("screenshots"), $"{testName}-no-circuit.html"), await page.ContentAsync());
            throw new TimeoutException($"The Blazor circuit did not connect on {page.Url}. Browser said:\n{BrowserLog}", ex);
        }
    }

    public async Task ScreenshotAsync(string step)
    {
        var file = Path.Combine(RepositoryPaths.ArtifactsDir("screenshots"), $"{testName}-{++_shot:00}-{step}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    public async Task<string> HeadingAsync() => (await page.Locator("h1").First.InnerTextAsync()).Trim();

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
