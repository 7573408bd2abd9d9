namespace FrappeSimulator.Faults;

/// <summary>What a request addresses, read from its path before the body is touched.</summary>
sealed record RequestTarget(string HttpMethod, string? Doctype, string? Method, string Route)
{
    public static RequestTarget From(string httpMethod, string path)
    {
        foreach (var prefix in new[] { "/api/resource/", "/api/v1/resource/", "/api/v2/document/" })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                var doctype = Uri.UnescapeDataString(path[prefix.Length..].Split('/')[0]);
                return new(httpMethod, doctype, null, $"{httpMethod} {prefix}{doctype}");
            }
        }

        foreach (var prefix in new[] { "/api/method/", "/api/v2/method/" })
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                var method = Uri.UnescapeDataString(path[prefix.Length..].TrimEnd('/'));
                return new(httpMethod, null, method, $"{httpMethod} {prefix}{method}");
            }
        }

        return new(httpMethod, null, null, $"{httpMethod} {Uri.UnescapeDataString(path)}");
    }
}
