using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImportPortal.TestData;

/// <summary>
/// Where an export's attachment links point, served on loopback as Freshdesk's file store would: <c>GET
/// /files/{id}/{name}?X-Amz-Signature=…</c> answers the file's bytes (<see cref="ContentOf"/>). A test can make a link
/// expired (403, as a signed S3 link past its time), make the store busy for the first requests of a file (503), or
/// send a link on through a redirect.
/// </summary>
public sealed class AttachmentOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, int> _requests = new();
    private int _ranged;

    private AttachmentOrigin(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Files whose link has expired: 403, as S3 answers a signed link past its time.</summary>
    public ConcurrentDictionary<long, bool> Expired { get; } = new();

    /// <summary>Files the store is busy for: this many first requests answer 503.</summary>
    public ConcurrentDictionary<long, int> BusyFor { get; } = new();

    /// <summary>How many times each file was asked for.</summary>
    public int RequestsFor(long id) => _requests.GetValueOrDefault(id);

    public int Requests => _requests.Values.Sum();

    /// <summary>Requests that asked for part of a file only (a <c>Range</c> header).</summary>
    public int RangedRequests => _ranged;

    /// <summary>The bytes of file <paramref name="id"/>: some kilobytes of text that name it, so no two files are alike.</summary>
    public static byte[] ContentOf(long id)
    {
        var line = Encoding.UTF8.GetBytes($"Tệp đính kèm số {id} — nội dung thử nghiệm.\n");
        var repeat = 1 + (int)(id % 97);
        var content = new byte[line.Length * repeat];
        for (var i = 0; i < repeat; i++)
        {
            line.CopyTo(content, i * line.Length);
        }

        return content;
    }

    public string LinkOf(long id, string fileName) =>
        new Uri(BaseUrl, $"files/{id}/{Uri.EscapeDataString(fileName)}?X-Amz-Expires=300&X-Amz-Signature=a1b2c3").AbsoluteUri;

    /// <summary>A link that answers with a redirect to the file's own link, as a file host handing out a signed link does.</summary>
    public string RedirectOf(long id, string fileName) =>
        new Uri(BaseUrl, $"moved/{id}/{Uri.EscapeDataString(fileName)}").AbsoluteUri;

    /// <summary>An image shown inside a message, as Freshdesk links one: no file name, a token in the query.</summary>
    public string InlineOf(long id) => new Uri(BaseUrl, $"inline/{id}?token=t{id}&v=1").AbsoluteUri;

    /// <summary>A link that redirects to an address no file store uses (a cloud metadata address).</summary>
    public string AwayOf(long id) => new Uri(BaseUrl, $"away/{id}").ToString();

    /// <summary>A link whose file takes three seconds to start.</summary>
    public string SlowOf(long id) => new Uri(BaseUrl, $"slow/{id}").ToString();

    public static async Task<AttachmentOrigin> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var origin = new AttachmentOrigin(app);
        app.MapGet("/files/{id:long}/{name}", (long id, string name, HttpContext http) => origin.Serve(id, "application/octet-stream", http));
        app.MapGet("/moved/{id:long}/{name}", (long id, string name) => Results.Redirect(origin.LinkOf(id, Uri.UnescapeDataString(name))));
        app.MapGet("/inline/{id:long}", (long id, HttpContext http) => origin.Serve(id, "image/png", http));
        app.MapGet("/away/{id:long}", (long id) => Results.Redirect($"http://10.255.255.1/latest/meta-data/{id}"));
        app.MapGet("/slow/{id:long}", async (long id, HttpContext http) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), http.RequestAborted);
            return origin.Serve(id, "application/octet-stream", http);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        origin.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return origin;
    }

    private IResult Serve(long id, string contentType, HttpContext http)
    {
        var seen = _requests.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (http.Request.Headers.Range.Count > 0)
        {
            Interlocked.Increment(ref _ranged);
        }

        if (Expired.ContainsKey(id))
        {
            return Results.Text("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", "application/xml", statusCode: 403);
        }

        if (BusyFor.TryGetValue(id, out var busy) && seen <= busy)
        {
            return Results.StatusCode(503);
        }

        return Results.Bytes(ContentOf(id), contentType);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
