using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FrappeSimulator.Store;

/// <summary>
/// The site's database. Tests read it directly (no HTTP) to prove "no duplicates, nothing lost".
/// Everything returned is a copy.
/// </summary>
public sealed class DocumentStore
{
    readonly ConcurrentDictionary<string, DocTable> tables = new(StringComparer.OrdinalIgnoreCase);
    long sequence;

    public RequestLog Requests { get; } = new();

    /// <summary>Documents of a doctype in insertion order.</summary>
    public IReadOnlyList<JsonObject> List(string doctype) =>
        Ordered(doctype).Select(r => JsonDocs.CloneObject(r.Data)).ToList();

    public IReadOnlyList<JsonObject> Where(string doctype, Func<JsonObject, bool> predicate) =>
        Ordered(doctype).Where(r => predicate(r.Data)).Select(r => JsonDocs.CloneObject(r.Data)).ToList();

    public JsonObject? Get(string doctype, string name) =>
        FindTable(doctype)?.Rows.TryGetValue(name, out var row) == true ? JsonDocs.CloneObject(row.Data) : null;

    public int Count(string doctype) => FindTable(doctype)?.Rows.Count ?? 0;

    public IReadOnlyDictionary<string, int> CountsByDoctype() =>
        new SortedDictionary<string, int>(tables.ToDictionary(t => t.Value.Doctype, t => t.Value.Rows.Count), StringComparer.Ordinal);

    /// <summary>Groups of documents that share a value of <paramref name="fieldname"/> (empty values ignored).</summary>
    public IReadOnlyList<DuplicateGroup> FindDuplicates(string doctype, string fieldname) =>
        Ordered(doctype)
            .Select(r => (Value: JsonDocs.Text(r.Data, fieldname), Name: JsonDocs.Text(r.Data, "name") ?? ""))
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .GroupBy(p => p.Value!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => new DuplicateGroup(g.Key, g.Select(p => p.Name).ToList()))
            .ToList();

    /// <summary>The last number used by a doctype's autoincrement or naming series.</summary>
    public long NamingCounter(string doctype) => FindTable(doctype)?.Counter ?? 0;

    /// <summary>Moves a naming counter, e.g. to imitate a site that already has 753 tickets.</summary>
    public void SetNamingCounter(string doctype, long lastUsed) => Table(doctype).SetCounter(lastUsed);

    internal DocTable Table(string doctype) => tables.GetOrAdd(doctype, d => new DocTable(d));

    internal DocTable? FindTable(string doctype) => tables.GetValueOrDefault(doctype);

    internal IEnumerable<DocTable> Tables => tables.Values;

    internal long NextSequence() => Interlocked.Increment(ref sequence);

    internal IEnumerable<StoredDocument> Ordered(string doctype) =>
        FindTable(doctype)?.Rows.Values.OrderBy(r => r.Sequence) ?? Enumerable.Empty<StoredDocument>();

    internal void Clear() => tables.Clear();
}
