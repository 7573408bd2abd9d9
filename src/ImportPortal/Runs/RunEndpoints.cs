using ImportPortal.Security;

namespace ImportPortal.Runs;

internal static class RunEndpoints
{
    /// <summary>The run downloads: failed rows and id map, as CSV attachments.</summary>
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/runs/{id:guid}/failed-rows.csv", (Guid id, RunDownloads downloads, HttpContext http, CancellationToken ct) =>
            WriteAsync(http, $"run-{id:N}-failed-rows.csv", s => downloads.WriteFailedRowsAsync(id, s, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/runs/{id:guid}/id-map.csv", (Guid id, RunDownloads downloads, HttpContext http, CancellationToken ct) =>
            WriteAsync(http, $"run-{id:N}-id-map.csv", s => downloads.WriteIdMapAsync(id, s, ct)))
            .RequireAuthorization();
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext http, string fileName, Func<Stream, Task> write)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await write(http.Response.Body);
    }
}
