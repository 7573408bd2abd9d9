using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Frappe;

/// <summary>
/// A site that gives no HTTP answer at all, as the operator meets it on the first preflight: a closed port, a
/// certificate this server does not trust. One red line saying what to fix, at once, and no further calls.
/// </summary>
public sealed class UnreachableSiteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_site_that_does_not_answer_is_one_red_line_to_check_its_address_and_the_rest_is_skipped()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var site = h.Factory.Create(h.Connection with { BaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/") });

        var report = await new PreflightInspector(site, TimeProvider.System).RunAsync(Ct);

        var user = report.Lines[0];
        Assert.Equal((PreflightSeverity.Red, PreflightKeys.UserUnreachable, PreflightKeys.UserCheckAddress), (user.Severity, user.MessageKey, user.AdviceKey));
        Assert.Contains("Connection refused", Assert.Single(user.MessageArgs), StringComparison.Ordinal);
        Assert.All(report.Lines.Skip(1), l => Assert.Equal(PreflightKeys.Skipped, l.MessageKey));
        Assert.False(report.CanImport);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_named_as_such_tried_once_and_stops_the_preflight()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        await using var server = TlsServer.Start();
        var site = h.Factory.Create(h.Connection with { BaseUrl = new Uri($"https://127.0.0.1:{server.Port}/") });

        var report = await new PreflightInspector(site, TimeProvider.System).RunAsync(Ct);
        var insert = await Assert.ThrowsAsync<FrappeException>(() => site.InsertAsync("HD Ticket", new JsonObject { ["subject"] = "Không vào được" }, Ct));

        var user = report.Lines[0];
        Assert.Equal((PreflightSeverity.Red, PreflightKeys.UserCertificate, PreflightKeys.UserTrustCertificate), (user.Severity, user.MessageKey, user.AdviceKey));
        Assert.Contains("certificate", Assert.Single(user.MessageArgs), StringComparison.OrdinalIgnoreCase);
        Assert.All(report.Lines.Skip(1), l => Assert.Equal(PreflightKeys.Skipped, l.MessageKey));
        // Certainly not written, and not worth a retry: the record fails with the reason, to be retried once the certificate is fixed.
        Assert.Equal((FrappeErrorKind.ServerError, FrappeError.CertificateCause), (insert.Error.Kind, insert.Error.Cause));
        Assert.Equal(2, server.Handshakes);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A loopback HTTPS server with a self-signed certificate, counting the handshakes clients attempt.</summary>
    private sealed class TlsServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly X509Certificate2 _certificate = SelfSigned();
        private Task _loop = Task.CompletedTask;
        private int _handshakes;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Handshakes => Volatile.Read(ref _handshakes);

        public static TlsServer Start()
        {
            var server = new TlsServer();
            server._listener.Start();
            server._loop = server.AcceptAsync();
            return server;
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                Interlocked.Increment(ref _handshakes);
                using (client)
                await using (var tls = new SslStream(client.GetStream()))
                {
                    try
                    {
                        await tls.AuthenticateAsServerAsync(_certificate);
                    }
                    catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
                    {
                        // The client refused the certificate: what the test is about.
                    }
                }
            }
        }

        private static X509Certificate2 SelfSigned()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=hotro.haravan.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _certificate.Dispose();
            _stop.Dispose();
        }
    }
}
