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

        if (!IsHttpUrl(input.BaseUrl))
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

    /// <summary>The site's address without a trailing slash or stray spaces: https://support.example.vn</summary>
    public static string NormalizeUrl(string url) => url.Trim().TrimEnd('/');

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo);
}
