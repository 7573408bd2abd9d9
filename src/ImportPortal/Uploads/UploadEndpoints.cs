using Hangfire;
using ImportPortal.Jobs;
using ImportPortal.Resources;
using ImportPortal.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Uploads;

internal static class UploadEndpoints
{
    /// <summary>
    /// One file per request, its bytes as the raw body: the browser reports upload progress per file and the server
    /// streams straight to disk (no multipart buffering, no 30 MB default cap, no SignalR in the way).
    /// </summary>
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/uploads/files", ReceiveAsync).RequireAuthorization(PortalRoles.OperatorPolicy);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http,
        [FromQuery] string name,
        UploadStore store,
        IAntiforgery antiforgery,
        IBackgroundJobClient jobs,
        IStringLocalizer<SharedResource> strings)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest(new { problem = strings["Uploads.Expired"].Value });
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = store.MaxFileBytes + 1;
        }

        if (http.Request.ContentLength > store.MaxFileBytes)
        {
            return Results.Json(new { problem = strings["Uploads.TooLarge", name, UploadStore.FormatSize(store.MaxFileBytes)].Value }, statusCode: 413);
        }

        // Refused before a byte is streamed when its declared size would leave the disk without room for the database.
        if (http.Request.ContentLength is { } length && !store.HasRoomFor(length))
        {
            return Problem(strings, name, store.NoRoomOutcome);
        }

        var outcome = await store.SaveAsync(http.Request.Body, name, http.User.Identity?.Name ?? "unknown", progress: null, http.RequestAborted);
        if (outcome is { Succeeded: true, AlreadyUploaded: false, UploadId: { } id })
        {
            jobs.Enqueue<ProfileUploadJob>(job => job.ExecuteAsync(id, CancellationToken.None));
        }

        return outcome.Succeeded
            ? Results.Ok(new { id = outcome.UploadId, alreadyUploaded = outcome.AlreadyUploaded })
            : Problem(strings, name, outcome);
    }

    private static IResult Problem(IStringLocalizer<SharedResource> strings, string name, UploadOutcome outcome) =>
        Results.Json(new { problem = strings[outcome.ProblemKey!, name, outcome.ProblemArg ?? ""].Value }, statusCode: outcome.ProblemKey switch
        {
            "Uploads.TooLarge" => StatusCodes.Status413PayloadTooLarge,
            "Uploads.NoRoom" or "Uploads.DiskFull" => StatusCodes.Status507InsufficientStorage,
            _ => StatusCodes.Status422UnprocessableEntity,
        });
}
