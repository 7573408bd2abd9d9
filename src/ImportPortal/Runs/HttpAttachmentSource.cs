using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Runs;

/// <summary>
/// <see cref="IAttachmentSource"/> over HTTP: fetches an attachment from its link, streamed to a temporary file (never whole in memory), hashing it on the way;
/// refuses a host that is not allowed and a file larger than the site takes. A refusal by the file's host that asking
/// again will not change (an expired or missing link) is a data error, a busy or unreachable host a transient one.
/// </summary>
public sealed class HttpAttachmentSource(HttpClient http, AttachmentOptions options) : IAttachmentSource
{
    public AttachmentOptions Options { get; } = options;

    /// <summary>The source the settings describe (<paramref name="timeout"/> replacing theirs), or none when they name no host.</summary>
    public static HttpAttachmentSource? From(IHttpClientFactory clients, RunsOptions settings, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.AttachmentHostList.Count == 0
            ? null
            : new HttpAttachmentSource(clients.CreateClient(Frappe.FrappeServiceCollectionExtensions.AttachmentClient), settings.Attachments with { Timeout = timeout ?? settings.AttachmentTimeout });
    }

    public async Task<FetchedFile> FetchAsync(string link, CancellationToken ct)
    {
        if (Options.Check(link) is { } wrong)
        {
            throw new AttachmentFetchException(wrong);
        }

        var uri = new Uri(link.Trim());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout);
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"importportal-{Guid.NewGuid():N}.part"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            using var response = await FollowAsync(uri, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new AttachmentFetchException(Refused(uri, response.StatusCode));
            }

            if (response.Content.Headers.ContentLength is { } declared && declared > Options.MaxBytes)
            {
                throw new AttachmentFetchException(TooLarge(declared));
            }

            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                total += read;
                if (total > Options.MaxBytes)
                {
                    throw new AttachmentFetchException(TooLarge(total));
                }

                md5.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            }

            await file.FlushAsync(timeout.Token);
            file.Position = 0;
            return new FetchedFile(file, Convert.ToHexStringLower(md5.GetHashAndReset()), response.Content.Headers.ContentType?.MediaType);
        }
        catch (Exception ex) when (ex is not AttachmentFetchException && !Persistence.DiskFull.Is(ex))
        {
            // The host's failure (the portal's own full disk is not: it stops the run, as the portal's error).
            await file.DisposeAsync();
            if (ct.IsCancellationRequested)
            {
                throw;
            }

            throw new AttachmentFetchException(RecordError.Portal(RecordErrorKind.Transient, ex is OperationCanceledException
                ? new PortalText(RecordTexts.AttachmentTimeout, uri.IdnHost, Options.Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture))
                : new PortalText(RecordTexts.AttachmentUnreachable, uri.IdnHost, ex.Message)), ex);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Whether the link gives its file, asking for its first byte only (a signed S3 link answers a range as it answers the
    /// whole file): null when it does, else what the fetch would fail with.
    /// </summary>
    public async Task<RecordError?> ProbeAsync(string link, CancellationToken ct)
    {
        if (Options.Check(link) is { } wrong)
        {
            return wrong;
        }

        var uri = new Uri(link.Trim());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            using var response = await FollowAsync(uri, timeout.Token, firstByte: true);
            return response.IsSuccessStatusCode ? null : Refused(uri, response.StatusCode);
        }
        catch (AttachmentFetchException ex)
        {
            return ex.Error;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return RecordError.Portal(RecordErrorKind.Transient, new PortalText(RecordTexts.AttachmentHostSilent, uri.IdnHost, ex.Message));
        }
    }

    /// <summary>
    /// The answer for the link, following up to five redirects (a file host hands out a signed link elsewhere) and each
    /// only to an allowed host: the client follows none by itself.
    /// </summary>
    private async Task<HttpResponseMessage> FollowAsync(Uri uri, CancellationToken ct, bool firstByte = false)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (firstByte)
            {
                request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (hop == 5)
            {
                throw new AttachmentFetchException(RecordError.Portal(RecordErrorKind.Data, new PortalText(RecordTexts.AttachmentRedirects, uri.IdnHost)));
            }

            if (Options.Check(next.ToString()) is { } wrong)
            {
                throw new AttachmentFetchException(wrong);
            }

            uri = next;
        }
    }

    private RecordError TooLarge(long bytes) => RecordError.Portal(RecordErrorKind.Data,
        new PortalText(bytes > Options.MaxBytes ? RecordTexts.AttachmentTooLarge : RecordTexts.AttachmentTooLargeAtLeast, Megabytes(bytes), Megabytes(Options.MaxBytes)));

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture);

    private static RecordError Refused(Uri uri, HttpStatusCode status)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        return (int)status switch
        {
            401 or 403 or 404 or 410 => RecordError.Portal(RecordErrorKind.Data, new PortalText(RecordTexts.AttachmentExpired, code, status.ToString()), (int)status),
            429 or >= 500 or 408 => RecordError.Portal(RecordErrorKind.Transient, new PortalText(RecordTexts.AttachmentHostBusy, uri.IdnHost, code, status.ToString()), (int)status),
            _ => RecordError.Portal(RecordErrorKind.Data, new PortalText(RecordTexts.AttachmentRefused, uri.IdnHost, code, status.ToString()), (int)status),
        };
    }
}
