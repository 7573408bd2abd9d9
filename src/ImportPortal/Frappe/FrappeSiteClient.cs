using System.Text.Json;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace ImportPortal.Frappe;

/// <summary>
/// <see cref="IFrappeSite"/> over the Refit client: unwraps Frappe's envelopes and turns every failure into a
/// <see cref="FrappeException"/>. A write that may have reached the server without an answer is reported as
/// <see cref="FrappeErrorKind.UnknownFate"/>, never sent again here.
/// </summary>
public sealed partial class FrappeSiteClient(IFrappeApi api, FrappeSiteConnection site, FrappeMetaCache metadata, ILogger<FrappeSiteClient> logger)
    : IFrappeSite
{
    public async Task<string> GetLoggedUserAsync(CancellationToken ct)
    {
        var body = await CallAsync(HttpMethod.Get, "whoami", c => api.GetLoggedUserAsync(site, c), ct);
        return body["message"]?.GetValue<string>() ?? throw Malformed("whoami", "no user in the answer");
    }

    public async Task<IReadOnlyList<AppVersion>> GetVersionsAsync(CancellationToken ct)
    {
        var body = await CallAsync(HttpMethod.Get, "versions", c => api.GetVersionsAsync(site, c), ct);
        return (body["message"] as JsonObject ?? [])
            .Where(app => app.Value is JsonObject)
            .Select(app => new AppVersion(app.Key, Text(app.Value!["title"]) ?? app.Key, Text(app.Value!["version"]) ?? ""))
            .ToList();
    }

    public Task<DocTypeMeta> GetMetaAsync(string doctype, CancellationToken ct) =>
        metadata.GetOrLoadAsync(doctype, async () =>
        {
            var body = await CallAsync(HttpMethod.Get, doctype, c => api.GetDoctypeAsync(site, doctype, c), ct);
            var doc = (body["docs"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(d => Text(d["name"]) == doctype)
                ?? throw Malformed(doctype, "the site described no such doctype");
            return DocTypeMeta.FromDocType(doc);
        });

    public async Task<IReadOnlyList<JsonObject>> ListAsync(string doctype, FrappeListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var fields = query.Fields is null ? null : JsonSerializer.Serialize(query.Fields);
        var body = await CallAsync(HttpMethod.Get, doctype, c => api.ListAsync(
            site, doctype, fields, query.Filters?.ToJsonString(), query.OrderBy, query.Start, query.PageLength, c), ct);
        return (body["data"] as JsonArray ?? []).OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()).ToList();
    }

    public async Task<JsonObject?> GetAsync(string doctype, string name, CancellationToken ct)
    {
        try
        {
            return Data(await CallAsync(HttpMethod.Get, doctype, c => api.GetAsync(site, doctype, name, c), ct), doctype);
        }
        catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.NotFound)
        {
            return null;
        }
    }

    public async Task<string> InsertAsync(string doctype, JsonObject document, CancellationToken ct)
    {
        var inserted = await CallAsync(HttpMethod.Post, doctype, c => api.InsertAsync(site, doctype, document, c), ct);
        // A yes without a name: the document was created, under a name not known here, so it is looked up, never sent again.
        return inserted.Name ?? throw Fail(HttpMethod.Post, doctype, FrappeError.UnknownFate("The site answered the insert without a document name."), null);
    }

    public async Task<JsonObject> UpdateAsync(string doctype, string name, JsonObject changes, CancellationToken ct) =>
        Data(await CallAsync(HttpMethod.Put, doctype, c => api.UpdateAsync(site, doctype, name, changes, c), ct), doctype);

    public async Task<bool> DeleteAsync(string doctype, string name, CancellationToken ct)
    {
        try
        {
            await CallAsync(HttpMethod.Delete, doctype, c => api.DeleteAsync(site, doctype, name, c), ct);
            return true;
        }
        catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.NotFound)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> InsertManyAsync(IReadOnlyList<JsonObject> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        // The documents become the request's: they must belong to no other JSON tree (the run builds each for the batch).
        var docs = new JsonArray([.. documents]);
        var body = await CallAsync(HttpMethod.Post, "insert_many", c => api.InsertManyAsync(site, docs.Count, new JsonObject { ["docs"] = docs }, c), ct);
        return (body["message"] as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "").ToList();
    }

    public async Task<int> CountAsync(string doctype, JsonNode? filters, CancellationToken ct)
    {
        var body = await CallAsync(HttpMethod.Get, doctype, c => api.GetCountAsync(site, doctype, filters?.ToJsonString(), c), ct);
        return body["message"]?.GetValue<int>() ?? 0;
    }

    public Task AssignAsync(string doctype, string name, string user, string assignedBy, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, doctype, c => api.AssignAsync(site, new JsonObject
        {
            ["assign_to"] = new JsonArray(user),
            ["doctype"] = doctype,
            ["name"] = name,
            ["assigned_by"] = assignedBy,
        }, c), ct);

    public Task AddTagsAsync(string doctype, string name, IReadOnlyList<string> tags, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, doctype, c => api.AddTagsAsync(site, new JsonObject
        {
            ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]),
            ["dt"] = doctype,
            ["docs"] = new JsonArray(name),
        }, c), ct);

    public async Task<FrappeFile> UploadFileAsync(FileUpload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var start = upload.Content.Position;
        var body = await CallAsync(HttpMethod.Post, "File", c =>
        {
            // Every send reads the file from where the upload starts (StreamContent rewinds it too when the HTTP layer repeats a send).
            upload.Content.Position = start;
            return api.UploadFileAsync(site, upload.AttachedToDoctype, upload.AttachedToName, upload.IsPrivate ? 1 : 0,
                new StreamPart(upload.Content, upload.FileName, upload.ContentType ?? "application/octet-stream"), c);
        }, ct);
        return Text(body["message"]?["name"]) is { } name
            ? new FrappeFile(name, Text(body["message"]?["file_url"]))
            : throw Fail(HttpMethod.Post, "File", FrappeError.UnknownFate("The site answered the upload without a file name."), null);
    }

    public Task SetEmailSendingAsync(bool enabled, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, "toggle_sending", c => api.ToggleSendingAsync(site, new JsonObject { ["enable"] = enabled ? 1 : 0 }, c), ct);

    private async Task<T> CallAsync<T>(HttpMethod method, string subject, Func<CancellationToken, Task<IApiResponse<T>>> call, CancellationToken ct)
    {
        IApiResponse<T> response;
        try
        {
            response = await call(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && IsTransportFailure(ex))
        {
            throw Fail(method, subject, TransportError(method, ex), ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode && response.Error is null && response.Content is { } body)
            {
                return body;
            }

            if (response.IsSuccessStatusCode && response.Error is { } unreadable)
            {
                // The site said yes but the body did not arrive whole (cut, or the caller gave up mid-body): a write
                // did happen, its name is unknown, so it is looked up rather than sent again or called failed.
                ct.ThrowIfCancellationRequested();
                if (method == HttpMethod.Post || method == HttpMethod.Delete)
                {
                    throw Fail(method, subject, FrappeError.UnknownFate(unreadable.InnerException?.Message ?? unreadable.Message), unreadable);
                }

                if (unreadable.InnerException is { } readCause && IsTransportFailure(readCause))
                {
                    throw Fail(method, subject, TransportError(method, readCause), readCause);
                }
            }

            if (response.StatusCode is null && response.Error is { InnerException: { } cause })
            {
                ct.ThrowIfCancellationRequested();
                if (!IsTransportFailure(cause))
                {
                    // Not the site's doing (a misconfiguration, a bug): let it surface as itself.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
                }

                throw Fail(method, subject, TransportError(method, cause), cause);
            }

            var error = Decode(response);
            // A proxy page after a write says nothing of whether Frappe committed it behind the proxy.
            if (error.IsProxyPage && (method == HttpMethod.Post || method == HttpMethod.Delete))
            {
                error = error with { Kind = FrappeErrorKind.UnknownFate };
            }

            throw Fail(method, subject, error, response.Error);
        }
    }

    /// <summary>No HTTP answer: never sent (safe to send again), or a write whose fate is unknown, or a read that kept failing.</summary>
    private static FrappeError TransportError(HttpMethod method, Exception ex) =>
        FrappeRetryRules.UntrustedCertificate(ex) is { } tls ? FrappeError.UntrustedCertificate(tls.Message)
        : ex is BrokenCircuitException || ex.InnerException is BrokenCircuitException ? FrappeError.CircuitOpen(ex.Message)
        : FrappeRetryRules.NeverSent(ex) || (ex.InnerException is { } inner && FrappeRetryRules.NeverSent(inner))
            ? FrappeError.NotSent(ex.Message)
            : method == HttpMethod.Post || method == HttpMethod.Delete
                ? FrappeError.UnknownFate(ex.Message)
                : new FrappeError(FrappeErrorKind.Transient, null, null, [], Detail: ex.Message);

    private FrappeException Fail(HttpMethod method, string subject, FrappeError error, Exception? cause)
    {
        LogFailure(logger, method.Method, subject, site.BaseUrl, error.Kind, error.Summary);
        return new FrappeException(error, cause);
    }

    private FrappeError Decode(IApiResponse response)
    {
        if ((int)(response.StatusCode ?? 0) is >= 300 and < 400 and var redirect)
        {
            // Not followed (see AddFrappeSites): the site's address is not the one it serves under.
            return FrappeError.Redirect(redirect, RedirectTarget(response), response.Headers?.Location?.ToString());
        }

        var retryAfter = response.Headers?.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var status = (int)(response.StatusCode ?? 0);
        var body = (response.Error as ApiException)?.Content;
        var mediaType = response.ContentHeaders?.ContentType?.MediaType;
        return status is >= 200 and < 300
            ? new FrappeError(FrappeErrorKind.ServerError, status, null, [], Detail: "The answer was not the JSON Frappe sends: " + response.Error?.Message)
            : FrappeErrorDecoder.Decode(status, mediaType, body, retryAfter);
    }

    /// <summary>
    /// Where the site serves, from where it redirected this request: the new address with the request's own path taken
    /// off its end (<c>http://x/api/…</c> to <c>https://x/api/…</c> gives <c>https://x/</c>, a proxy path stays), else
    /// its scheme and host.
    /// </summary>
    private string RedirectTarget(IApiResponse response)
    {
        if (response.Headers?.Location is not { } location || response.RequestMessage?.RequestUri is not { } requested)
        {
            return "?";
        }

        var absolute = location.IsAbsoluteUri ? location : new Uri(requested, location);
        var siteBase = site.BaseUrl.AbsoluteUri.TrimEnd('/') + "/";
        var path = requested.AbsoluteUri.StartsWith(siteBase, StringComparison.OrdinalIgnoreCase) ? requested.AbsoluteUri[siteBase.Length..] : null;
        return path is { Length: > 0 } && absolute.AbsoluteUri.EndsWith(path, StringComparison.Ordinal)
            ? absolute.AbsoluteUri[..^path.Length]
            : absolute.GetLeftPart(UriPartial.Authority) + "/";
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or IOException or TaskCanceledException
        || (ex is ApiException && ex.InnerException is { } inner && IsTransportFailure(inner));

    private static JsonObject Data(JsonObject body, string subject) =>
        body["data"] as JsonObject ?? throw Malformed(subject, "no document in the answer");

    private static FrappeException Malformed(string subject, string what) =>
        new(new FrappeError(FrappeErrorKind.ServerError, 200, null, [$"{subject}: {what}"]));

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Frappe {Method} {Subject} at {Site} failed ({Kind}): {Summary}")]
    private static partial void LogFailure(ILogger logger, string method, string subject, Uri site, FrappeErrorKind kind, string summary);
}
