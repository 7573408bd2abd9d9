using ImportPortal.Security;

namespace ImportPortal.Runs;

internal static class RunEndpoints
{
    /// <summary>The run downloads: the failed rows of one source table, the id map, and what a check did not find on the site, as CSV attachments.</summary>
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/runs/{id:guid}/failed-rows/{table}.csv", async (Guid id, string table, RunDownloads downloads, RunQueries queries, HttpContext http, CancellationToken ct) =>
        {
            if (await queries.NumberOfAsync(id, ct) is not { } number)
            {
                return Results.NotFound();
            }

            await WriteAsync(http, RunDownloads.FailedRowsFileName(number, table), s => downloads.WriteFailedRowsAsync(id, table, s, ct));
            return Results.Empty;
        }).RequireAuthorization();
        endpoints.MapGet("/runs/{id:guid}/id-map.csv", (Guid id, RunDownloads downloads, HttpContext http, CancellationToken ct) =>
            WriteAsync(http, $"run-{id:N}-id-map.csv", s => downloads.WriteIdMapAsync(id, s, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/runs/{id:guid}/missing-on-site.csv", async (Guid id, RunDownloads downloads, RunQueries queries, HttpContext http, CancellationToken ct) =>
        {
            if (await queries.NumberOfAsync(id, ct) is not { } number)
            {
                return Results.NotFound();
            }

            await WriteAsync(http, $"run-{number}-missing-on-site.csv", s => downloads.WriteMissingAsync(id, s, ct));
            return Results.Empty;
        }).RequireAuthorization();
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext http, string fileName, Func<Stream, Task> write)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await write(http.Response.Body);
    }
}
