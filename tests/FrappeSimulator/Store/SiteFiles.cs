using System.Collections.Concurrent;

namespace FrappeSimulator.Store;

/// <summary>
/// The site's files on disk (<c>public/files</c>, <c>private/files</c>), by file_url. The bytes live here, never in a
/// File document; several File documents may share one file_url, as Frappe keeps one copy of equal content.
/// </summary>
sealed class SiteFiles
{
    readonly ConcurrentDictionary<string, byte[]> byUrl = new(StringComparer.Ordinal);

    public bool Contains(string fileUrl) => byUrl.ContainsKey(fileUrl);

    /// <summary>A copy of the bytes, or null when nothing was written there.</summary>
    public byte[]? Read(string fileUrl) => byUrl.TryGetValue(fileUrl, out var content) ? content.ToArray() : null;

    /// <summary>Writes the bytes unless the path is taken; atomic, so two uploads never end up on one path.</summary>
    public bool TryCreate(string fileUrl, byte[] content) => byUrl.TryAdd(fileUrl, content);

    public void Delete(string fileUrl) => byUrl.TryRemove(fileUrl, out _);
}
