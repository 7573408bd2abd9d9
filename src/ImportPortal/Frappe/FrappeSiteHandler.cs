using System.Net.Http.Headers;

namespace ImportPortal.Frappe;

/// <summary>
/// Points each request at the site it names and signs it with <c>Authorization: token key:secret</c>.
/// The client is registered with a placeholder base address; the site's own address replaces it here.
/// </summary>
internal sealed class FrappeSiteHandler : DelegatingHandler
{
    public static readonly Uri PlaceholderBase = new("http://frappe.site.invalid/");

    private static readonly HttpRequestOptionsKey<FrappeSiteConnection> SiteKey = new(FrappeSiteConnection.OptionKey);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SiteKey, out var site) || request.RequestUri is null)
        {
            throw new InvalidOperationException("A Frappe request was sent without naming its site.");
        }

        var relative = request.RequestUri.PathAndQuery.TrimStart('/');
        var siteBase = site.BaseUrl.AbsoluteUri.EndsWith('/') ? site.BaseUrl : new Uri(site.BaseUrl.AbsoluteUri + "/");
        request.RequestUri = new Uri(siteBase, relative);
        request.Headers.Authorization = new AuthenticationHeaderValue("token", $"{site.ApiKey}:{site.ApiSecret}");
        if (request.Content is { } content && content.Headers.ContentLength is null)
        {
            // Serialised once, sent with a Content-Length: no chunked upload (not every proxy in front of a site takes
            // one), and a retry resends the same bytes.
            await content.LoadIntoBufferAsync(cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
