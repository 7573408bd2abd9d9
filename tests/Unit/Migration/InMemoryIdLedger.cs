using System.Collections.Concurrent;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>The id ledger of one site in memory: lines written by earlier runs, and those the current run writes.</summary>
public sealed class InMemoryIdLedger : IIdLedger
{
    private readonly ConcurrentDictionary<(string Doctype, string Key), Line> _lines = new();

    private int _queries;
    private int _run = 1;

    public int Queries => Volatile.Read(ref _queries);

    public int Count => _lines.Count;

    /// <summary>A line an earlier run wrote.</summary>
    public void SeedFromEarlierRun(string doctype, string sourceKey, string frappeName, bool created = true) =>
        _lines[(doctype, sourceKey)] = new Line(frappeName, created, Run: 0);

    public LedgerHit? Get(string doctype, string sourceKey) =>
        _lines.TryGetValue((doctype, sourceKey), out var line) ? new LedgerHit(line.FrappeName, line.Created, line.Run == Volatile.Read(ref _run)) : null;

    /// <summary>Lines written so far belong to an earlier run from now on.</summary>
    public void StartNextRun() => Interlocked.Increment(ref _run);

    /// <summary>What <see cref="IRecordStore.SaveAsync"/> writes: a line that exists keeps its name and who created it.</summary>
    public void Write(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _lines.AddOrUpdate((entry.Doctype, entry.SourceKey), new Line(entry.FrappeName, entry.Created, Volatile.Read(ref _run)), (_, old) => old);
    }

    public Task<IReadOnlyDictionary<string, LedgerHit>> FindAsync(string doctype, IReadOnlyCollection<string> sourceKeys, CancellationToken ct)
    {
        Interlocked.Increment(ref _queries);
        IReadOnlyDictionary<string, LedgerHit> found = sourceKeys
            .Where(k => _lines.ContainsKey((doctype, k)))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, k => Get(doctype, k)!, StringComparer.Ordinal);
        return Task.FromResult(found);
    }

    private sealed record Line(string FrappeName, bool Created, int Run);
}
