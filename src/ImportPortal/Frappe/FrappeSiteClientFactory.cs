using System.Collections.Concurrent;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Frappe;

/// <summary>Hands out an <see cref="IFrappeSite"/> per connection; doctype metadata is cached per site until refreshed.</summary>
public sealed class FrappeSiteClientFactory(IFrappeApi api, ILogger<FrappeSiteClient> logger)
{
    private readonly ConcurrentDictionary<string, FrappeMetaCache> _caches = new(StringComparer.Ordinal);

    public IFrappeSite Create(FrappeSiteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var cache = _caches.GetOrAdd(CacheKey(connection), _ => new FrappeMetaCache());
        return new FrappeSiteClient(api, connection, cache, logger);
    }

    /// <summary>Forgets a site's cached metadata (the "refresh" button, or after a Custom Field is created).</summary>
    public void ForgetMetadata(FrappeSiteConnection connection) => _caches.TryRemove(CacheKey(connection), out _);

    private static string CacheKey(FrappeSiteConnection connection) => connection.BaseUrl.AbsoluteUri + "|" + connection.ApiKey;
}
