using System.Collections.Concurrent;

namespace FrappeSimulator.Store;

/// <summary>All documents of one doctype. Reads are lock-free; writes take <see cref="WriteLock"/> briefly and never await.</summary>
sealed class DocTable(string doctype)
{
    long counter;

    public string Doctype => doctype;

    /// <summary>Keyed by name, case-insensitively like MariaDB's collation.</summary>
    public ConcurrentDictionary<string, StoredDocument> Rows { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Lock WriteLock { get; } = new();

    public UniqueIndex Unique { get; } = new();

    public LookupIndex Lookup { get; } = LookupIndex.For(doctype);

    /// <summary>Last number handed out by autoincrement or a naming series.</summary>
    public long Counter => Interlocked.Read(ref counter);

    public long NextNumber() => Interlocked.Increment(ref counter);

    public void SetCounter(long value) => Interlocked.Exchange(ref counter, value);

    /// <summary>Gives a number back when the transaction that took it rolled back (a naming series is transactional).</summary>
    public void ReturnNumber(long value) => Interlocked.CompareExchange(ref counter, value - 1, value);
}
