using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>Routes /api/... to resources, methods and metadata; turns FrappeException into Frappe's error body.</summary>
sealed class FrappeApi(SimulatedSite site, string apiKey, string apiSecret)
{
    readonly ResourceEndpoints resources = new(site);
    readonly MethodEndpoints methods = new(site);

    public async Task Handle(HttpContext http)
    {
        try
        {
            await Route(http);
        }
        catch (FrappeException ex)
        {
            await FrappeResponses.Error(http, ex.Error);
        }
        catch (System.Text.Json.JsonException ex)
        {
            await FrappeResponses.Error(http, FrappeErrors.Throw("ValidationError", $"Invalid JSON: {ex.Message}"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            // A simulator bug still answers like Frappe's unhandled errors do: 500 with a traceback line.
            await FrappeResponses.Error(http, new FrappeError(500, ex.GetType().Name, $"{ex.GetType().Name}: {ex.Message}", []));
        }
    }

    async Task Route(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var user = ApiAuthentication.Resolve(http.Request, apiKey, apiSecret, site.ApiUser);
        if ((Suffix(path, "/api/method/") ?? Suffix(path, "/api/v2/method/")) is { } method)
        {
            await methods.Handle(http, user, method.TrimEnd('/'));
            return;
        }

        if (user is null)
        {
            throw FrappeErrors.Fail("PermissionError", "Not permitted", 403);
        }

        if ((Suffix(path, "/api/resource/") ?? Suffix(path, "/api/v1/resource/")) is { } resource)
        {
            var slash = resource.IndexOf('/', StringComparison.Ordinal);
            var doctype = Uri.UnescapeDataString(slash < 0 ? resource : resource[..slash]);
            var name = slash < 0 || slash == resource.Length - 1 ? null : Uri.UnescapeDataString(resource[(slash + 1)..]);
            await resources.Handle(http, user, doctype, name);
            return;
        }

        if (Suffix(path, "/api/v2/doctype/") is { } v2 && v2.EndsWith("/meta", StringComparison.Ordinal))
        {
            var meta = site.Engine.Meta(Uri.UnescapeDataString(v2[..^"/meta".Length]));
            await FrappeResponses.Data(http, DocTypeDocument.Build(meta));
            return;
        }

        throw FrappeErrors.Fail("DoesNotExistError", "Not Found", 404);
    }

    static string? Suffix(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
}
