namespace ImportPortal.Frappe;

/// <summary>
/// Outside the retry pipeline: a call (with all its retries) holds one of the site's slots, so waiting for a slot
/// never counts against an attempt's timeout and a POST that never left is never mistaken for one of unknown fate.
/// </summary>
public sealed class PacingHandler(SitePacing pacing) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var slot = await pacing.For(request.RequestUri!).AcquireAsync(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
