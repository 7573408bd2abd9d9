using Bunit;
using ImportPortal.Components.Pages.Sites;
using ImportPortal.Security;
using ImportPortal.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ImportPortal.Tests.Unit.Sites;

/// <summary>The site page rendered with the portal's real site services, talking to the simulator.</summary>
public sealed class SiteDetailPageTests : PortalComponentTest, IAsyncLifetime
{
    private SitesHarness _h = null!;

    public async ValueTask InitializeAsync()
    {
        _h = await SitesHarness.StartAsync();
        Services.AddSingleton(_h.Catalog);
        Services.AddSingleton(_h.Preflight);
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@haravan.example");
        auth.SetRoles(PortalRoles.Admin);
        auth.SetPolicies(PortalRoles.AdminPolicy, PortalRoles.OperatorPolicy);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _h.DisposeAsync();
    }

    [Theory]
    [InlineData("en", "Signed-in user and roles", "Nothing blocks an import")]
    [InlineData("vi", "Người dùng đăng nhập và vai trò", "Không có gì chặn việc nhập")]
    public async Task Testing_the_connection_shows_the_report_in_the_operators_language_without_the_secret(string culture, string userTitle, string verdict)
    {
        UseCulture(culture);
        var id = (await _h.Catalog.AddAsync("admin", _h.SimulatorInput(), CancellationToken.None)).Id!.Value;
        var page = Render<SiteDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=preflight-none]");

        await page.Find("button[data-testid=site-test]").ClickAsync(new());

        page.WaitForElement("[data-testid=preflight-report]", TimeSpan.FromSeconds(10));
        Assert.Contains(userTitle, page.Markup, StringComparison.Ordinal);
        Assert.Contains(verdict, page.Find("[data-testid=preflight-verdict]").TextContent, StringComparison.Ordinal);
        Assert.Equal(12, page.FindAll("[data-testid=preflight-line]").Count);
        Assert.DoesNotContain(_h.Simulator.ApiSecret, page.Markup, StringComparison.Ordinal);
        Assert.Contains("••••", page.Find("[data-testid=site-secret-value]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_api_key_saved_from_the_page_takes_the_old_test_off_it()
    {
        UseCulture("vi");
        var id = (await _h.Catalog.AddAsync("admin", _h.SimulatorInput(), CancellationToken.None)).Id!.Value;
        await _h.Preflight.RunAsync(id, CancellationToken.None);
        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<SiteDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=preflight-report]");

        // Not awaited: the click's handler waits for the dialog to close.
        page.Find("button[data-testid=site-edit]").Click();
        dialogs.WaitForElement("input[data-testid=site-key]", TimeSpan.FromSeconds(10)).Change(_h.Simulator.ApiKey + "-moi");
        dialogs.Find("button[data-testid=site-save]").Click();

        page.WaitForElement("[data-testid=preflight-none]", TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=preflight-report]"));
        Assert.Equal("None", page.Find("[data-testid=severity-chip]").GetAttribute("data-severity"));
    }

    [Theory]
    [InlineData("en", "The site answers at", "Use this address and test again")]
    [InlineData("vi", "Trang trả lời tại", "Dùng địa chỉ này và kiểm tra lại")]
    public async Task A_site_entered_at_an_address_that_redirects_is_moved_to_where_it_answers_in_one_click(string culture, string offer, string button)
    {
        UseCulture(culture);
        await using var proxy = RedirectingProxy.Start(_h.Simulator.BaseUrl);
        var input = _h.SimulatorInput();
        input.BaseUrl = $"http://127.0.0.1:{proxy.Port}";
        var id = (await _h.Catalog.AddAsync("admin", input, CancellationToken.None)).Id!.Value;
        var page = Render<SiteDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=site-test]");

        await page.Find("button[data-testid=site-test]").ClickAsync(new());

        var alert = page.WaitForElement("[data-testid=site-redirect]", TimeSpan.FromSeconds(10));
        var simulator = _h.Simulator.BaseUrl.GetLeftPart(UriPartial.Authority) + "/";
        Assert.Contains($"{offer} {simulator}", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("Red", page.Find("[data-testid=preflight-line][data-check=user]").GetAttribute("data-severity"));
        Assert.Equal(button, page.Find("[data-testid=site-use-address]").TextContent.Trim());

        await page.Find("button[data-testid=site-use-address]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=site-redirect]")), TimeSpan.FromSeconds(10));
        Assert.Equal(simulator.TrimEnd('/'), page.Find("[data-testid=site-url-value]").TextContent.Trim());
        page.WaitForAssertion(() => Assert.Equal("Green", page.Find("[data-testid=preflight-line][data-check=user]").GetAttribute("data-severity")), TimeSpan.FromSeconds(10));
        Assert.Equal(12, page.FindAll("[data-testid=preflight-line]").Count);
        Assert.True(proxy.Answered >= 1);
    }

    [Fact]
    public async Task A_refused_key_reads_as_a_red_line_that_says_what_to_check()
    {
        UseCulture("en");
        var input = _h.SimulatorInput();
        input.ApiSecret = "wrong";
        var id = (await _h.Catalog.AddAsync("admin", input, CancellationToken.None)).Id!.Value;
        var page = Render<SiteDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("[data-testid=site-test]");

        await page.Find("button[data-testid=site-test]").ClickAsync(new());

        var userLine = page.WaitForElement("[data-testid=preflight-line][data-check=user]", TimeSpan.FromSeconds(10));
        Assert.Equal("Red", userLine.GetAttribute("data-severity"));
        Assert.Contains("refused", userLine.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An http:// address in front of the site: every request is answered with a permanent redirect to it.</summary>
    private sealed class RedirectingProxy : IAsyncDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;
        private int _answered;

        public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;

        public int Answered => Volatile.Read(ref _answered);

        public static RedirectingProxy Start(Uri target)
        {
            var proxy = new RedirectingProxy();
            proxy._listener.Start();
            proxy._loop = proxy.AnswerAsync(target);
            return proxy;
        }

        private async Task AnswerAsync(Uri target)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    var head = $"HTTP/1.1 301 Moved Permanently\r\nLocation: {target.GetLeftPart(UriPartial.Authority)}/api/method/frappe.auth.get_logged_user\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), _stop.Token);
                    Interlocked.Increment(ref _answered);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
