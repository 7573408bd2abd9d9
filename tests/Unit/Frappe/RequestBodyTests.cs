using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Preflight;

namespace ImportPortal.Tests.Unit.Frappe;

/// <summary>What a write looks like on the wire and how its answer is read, with a bare socket server on loopback.</summary>
public sealed class RequestBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_goes_out_with_a_content_length_not_chunked_and_a_retry_sends_the_same_bytes()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var (listener, site) = OnLoopback(h);
        using var closing = listener;
        // The first answer is a 503 the pipeline retries (a PUT is safe to repeat), the second the updated document.
        var server = ServeAsync(listener, (503, """{"exc_type":"ServiceUnavailable"}"""), (200, """{"data":{"name":"0042","subject":"Đã sửa"}}"""));

        var updated = await site.UpdateAsync("HD Ticket", "0042", new JsonObject { ["subject"] = "Đã sửa", ["description"] = "Khách hàng Nguyễn Thị Hồng" }, Ct);
        var requests = await server;

        Assert.Equal("0042", updated["name"]!.GetValue<string>());
        Assert.Equal(2, requests.Count);
        foreach (var (head, body) in requests)
        {
            Assert.StartsWith("PUT /api/resource/HD%20Ticket/0042 HTTP/1.1", head, StringComparison.Ordinal);
            Assert.DoesNotContain("transfer-encoding", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"Content-Length: {body.Length}", head, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("Khách hàng Nguyễn Thị Hồng", JsonNode.Parse(body)!["description"]!.GetValue<string>());
            // UTF-8 as itself, not \u escapes: a Vietnamese body is about a third the size.
            Assert.Contains("Khách hàng Nguyễn Thị Hồng", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
            Assert.Contains("Content-Type: application/json; charset=utf-8", head, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Fact]
    public async Task An_insert_returns_the_new_name_as_text_also_an_autoincrement_number_and_a_yes_without_a_name_is_unknown_fate()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var (listener, site) = OnLoopback(h);
        using var closing = listener;
        var server = ServeAsync(listener,
            (200, """{"data":{"doctype":"Contact","name":"Nguyễn Thị Hồng-1","links":[{"link_name":"Hải Đăng"}]}}"""),
            (200, """{"data":{"doctype":"HD Ticket","name":4217,"subject":"Không vào được"}}"""),
            (200, """{"data":{"doctype":"HD Ticket","subject":"Không vào được"}}"""),
            // The name after nested rows, escaped the way Python's json.dumps writes it, beside another top-level key.
            (200, """{"_server_messages":"[]","data":{"links":[{"link_name":"A","meta":{"rows":[1,{"name":"not this"}]}}],"name":"Tr\u1ea7n V\u0103n B\u00ecnh-2"}}"""));

        var contact = await site.InsertAsync("Contact", new JsonObject { ["first_name"] = "Hồng" }, Ct);
        var ticket = await site.InsertAsync("HD Ticket", new JsonObject { ["subject"] = "Không vào được" }, Ct);
        var nameless = await Assert.ThrowsAsync<FrappeException>(() => site.InsertAsync("HD Ticket", new JsonObject { ["subject"] = "Không vào được" }, Ct));
        var escaped = await site.InsertAsync("Contact", new JsonObject { ["first_name"] = "Bình" }, Ct);
        var requests = await server;

        Assert.Equal(("Nguyễn Thị Hồng-1", "4217"), (contact, ticket));
        Assert.Equal(FrappeErrorKind.UnknownFate, nameless.Error.Kind);
        Assert.Equal("Trần Văn Bình-2", escaped);
        Assert.Equal(4, requests.Count);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_says_which_address_the_site_serves_under()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var (listener, site) = OnLoopback(h);
        using var closing = listener;
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // An http:// address in front of an https:// site; then a proxy sending a write to a page on the same server,
        // where a followed redirect would arrive as a GET without the key.
        var server = ServeAsync(listener,
            (301, "", "Location: https://hotro.haravan.example/api/method/frappe.auth.get_logged_user\r\n"),
            (302, "", "Location: /login\r\n"),
            (308, "", "Location: https://cong.haravan.example/frappe/api/method/frappe.auth.get_logged_user\r\n"));

        var whoami = await Assert.ThrowsAsync<FrappeException>(() => site.GetLoggedUserAsync(Ct));
        var insert = await Assert.ThrowsAsync<FrappeException>(() => site.InsertAsync("HD Ticket", new JsonObject { ["subject"] = "Không vào được" }, Ct));
        var behindProxy = await Assert.ThrowsAsync<FrappeException>(() => site.GetLoggedUserAsync(Ct));
        var requests = await server;

        Assert.True(whoami.Error.IsRedirect);
        Assert.Equal("https://hotro.haravan.example/", whoami.Error.Summary);
        Assert.Equal($"http://127.0.0.1:{port}/", insert.Error.Summary);
        // Refused, not of unknown fate: a proxy redirect never reached Frappe, and nothing is looked up or resent.
        Assert.Equal(FrappeErrorKind.ServerError, insert.Error.Kind);
        // The site behind a proxy path: the request's own path comes off the end, the proxy's stays.
        Assert.Equal("https://cong.haravan.example/frappe/", behindProxy.Error.Summary);
        Assert.Equal(3, requests.Count);
        Assert.StartsWith("POST /api/resource/HD%20Ticket", requests[1].Head, StringComparison.Ordinal);
        await Task.Delay(200, Ct);
        Assert.False(listener.Pending(), "the client followed the redirect");
    }

    [Fact]
    public async Task The_preflight_of_a_site_that_redirects_is_red_with_the_address_to_enter_and_asks_nothing_more()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var (listener, site) = OnLoopback(h);
        using var closing = listener;
        var server = ServeAsync(listener, (308, "", "Location: https://hotro.haravan.example/api/method/frappe.auth.get_logged_user\r\n"));

        var report = await new PreflightInspector(site, TimeProvider.System).RunAsync(Ct);
        await server;

        var user = report.Lines[0];
        Assert.Equal((PreflightSeverity.Red, PreflightKeys.UserRedirected), (user.Severity, user.MessageKey));
        Assert.Equal(["https://hotro.haravan.example/"], user.MessageArgs);
        Assert.Equal(PreflightKeys.UserUseAddress, user.AdviceKey);
        Assert.All(report.Lines.Skip(1), l => Assert.Equal(PreflightKeys.Skipped, l.MessageKey));
        Assert.False(report.CanImport);
        await Task.Delay(200, Ct);
        Assert.False(listener.Pending(), "the preflight asked the site more after the redirect");
    }

    [Fact]
    public async Task A_cookie_the_site_sets_is_never_sent_back_each_request_carries_its_key()
    {
        await using var h = await FrappeClientHarness.StartAsync();
        var (listener, site) = OnLoopback(h);
        using var closing = listener;
        var server = ServeAsync(listener,
            (200, """{"message":"api@haravan.example"}""", "Set-Cookie: sid=5f1c0e; Path=/; HttpOnly\r\nSet-Cookie: system_user=yes; Path=/\r\n"),
            (200, """{"message":"api@haravan.example"}""", ""));

        await site.GetLoggedUserAsync(Ct);
        await site.GetLoggedUserAsync(Ct);
        var requests = await server;

        Assert.All(requests, r => Assert.Contains($"Authorization: token {h.Connection.ApiKey}:", r.Head, StringComparison.Ordinal));
        Assert.DoesNotContain("Cookie:", requests[1].Head, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A listener on a free loopback port, and the portal's client for a site at its address.</summary>
    private static (TcpListener Listener, IFrappeSite Site) OnLoopback(FrappeClientHarness h)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return (listener, h.Factory.Create(h.Connection with { BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/") }));
    }

    /// <summary>Answers one request per connection with each (status, body) in turn; returns the requests as they arrived.</summary>
    private static Task<List<(string Head, byte[] Body)>> ServeAsync(TcpListener listener, params (int Status, string Body)[] answers) =>
        ServeAsync(listener, answers.Select(a => (a.Status, a.Body, "")).ToArray());

    /// <summary>Like the other, each answer with extra header lines (each ending in CRLF).</summary>
    private static Task<List<(string Head, byte[] Body)>> ServeAsync(TcpListener listener, params (int Status, string Body, string Headers)[] answers) => Task.Run(async () =>
    {
        var requests = new List<(string Head, byte[] Body)>();
        foreach (var (status, text, headers) in answers)
        {
            using var client = await listener.AcceptTcpClientAsync(Ct);
            var stream = client.GetStream();
            requests.Add(await ReadRequestAsync(stream));
            var body = Encoding.UTF8.GetBytes(text);
            var head = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nRetry-After: 0\r\n{headers}Connection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
            await stream.WriteAsync(body, Ct);
        }

        return requests;
    }, Ct);

    private static async Task<(string Head, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfBlankLine(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, Ct);
            Assert.True(read > 0, "the client closed the connection before the request head ended");
            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var head = Encoding.ASCII.GetString(received.GetRange(0, headEnd).ToArray());
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).First();
        while (received.Count < headEnd + 4 + length)
        {
            var read = await stream.ReadAsync(buffer, Ct);
            Assert.True(read > 0, "the client closed the connection before the body ended");
            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        return (head, received.GetRange(headEnd + 4, length).ToArray());
    }

    private static int IndexOfBlankLine(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
