using System.Collections.Concurrent;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Frappe;

/// <summary>One site's doctype metadata, fetched once per doctype.</summary>
public sealed class FrappeMetaCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<DocTypeMeta>>> _entries = new(StringComparer.Ordinal);

    public Task<DocTypeMeta> GetOrLoadAsync(string doctype, Func<Task<DocTypeMeta>> load)
    {
        var entry = _entries.GetOrAdd(doctype, _ => new Lazy<Task<DocTypeMeta>>(load));
        if (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            // A failed load is not cached: the next caller tries again.
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<DocTypeMeta>>>(doctype, entry));
        }

        return entry.Value;
    }
}
