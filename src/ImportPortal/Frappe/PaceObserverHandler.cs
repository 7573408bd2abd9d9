using System.Net;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Frappe;

/// <summary>Inside the retry pipeline: tells the site's limiter how each attempt went (latency, 429 with Retry-After, 5xx, timeout).</summary>
public sealed class PaceObserverHandler(SitePacing pacing, TimeProvider time) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<int> DocumentsKey = new(IFrappeApi.Documents);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = pacing.For(request.RequestUri!);
        var started = time.GetTimestamp();
        var paused = GC.GetTotalPauseDuration();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            // The portal's own collections stop every thread, the answer's reader too: an answer read across one says
            // how long the portal stood still, not how long the site took, so its time is not a sample of the site.
            var collected = GC.GetTotalPauseDuration() != paused;
            // A batch (insert_many) takes its documents' time: the limiter watches batches apart from single requests.
            var documents = request.Options.TryGetValue(DocumentsKey, out var count) ? count : 1;
            switch (response.StatusCode)
            {
                case HttpStatusCode.TooManyRequests:
                    limit.Observe(elapsed, PaceSignal.RateLimited, RetryAfter(response), documents);
                    break;
                case >= HttpStatusCode.InternalServerError:
                    limit.Observe(elapsed, PaceSignal.Overloaded, RetryAfter(response), documents);
                    break;
                default:
                    if (!collected)
                    {
                        limit.Observe(elapsed, PaceSignal.Ok, documents: documents);
                    }

                    break;
            }

            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            limit.Observe(time.GetElapsedTime(started), PaceSignal.Overloaded);
            throw;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };
}
