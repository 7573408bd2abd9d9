namespace ImportPortal.Sites;

/// <summary>What a site form must hold; each problem is a resource key the page shows beside the form.</summary>
public static class SiteInputRules
{
    public static IReadOnlyList<string> Check(SiteInput input, bool secretRequired)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            problems.Add("Sites.NameRequired");
        }

        if (!IsHttpUrl(NormalizeUrl(input.BaseUrl ?? "")))
        {
            problems.Add("Sites.UrlInvalid");
        }

        if (string.IsNullOrWhiteSpace(input.ApiKey))
        {
            problems.Add("Sites.KeyRequired");
        }

        if (secretRequired && string.IsNullOrWhiteSpace(input.ApiSecret))
        {
            problems.Add("Sites.SecretRequired");
        }

        return problems;
    }

    /// <summary>The first segments of the paths of Frappe's own pages: an address copied from the browser ends in one.</summary>
    private static readonly string[] PagePaths = ["app", "helpdesk", "desk", "login", "api", "me", "update-password", "printview"];

    /// <summary>
    /// The site's address as Frappe serves its API, from what an operator pastes: https://support.example.vn.
    /// Without a scheme, https is meant; an address copied from a page of the site (<c>/helpdesk/tickets/42</c>,
    /// <c>/app/hd-ticket?status=Open</c>) keeps only the site; stray spaces and the trailing slash go.
    /// Any other path stays (a site behind a proxy path).
    /// </summary>
    public static string NormalizeUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var trimmed = url.Trim();
        if (trimmed.Length > 0 && !trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "https://" + trimmed;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return url.Trim().TrimEnd('/');
        }

        var first = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is null || PagePaths.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            return uri.GetLeftPart(UriPartial.Authority);
        }

        return (string.IsNullOrEmpty(uri.Fragment) ? trimmed : trimmed[..trimmed.IndexOf('#', StringComparison.Ordinal)]).TrimEnd('/');
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host) && !url.Contains(' ', StringComparison.Ordinal)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo);
}
