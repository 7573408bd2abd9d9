using System.Collections.Concurrent;
using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>Turns a reference (a contact's source key) into the Frappe name: from what this run did, else from the ledger.</summary>
public sealed class ReferenceResolver(IIdLedger ledger, Func<EntityKind, string> doctypeOf)
{
    private readonly ConcurrentDictionary<(string Doctype, string Key), LedgerHit> _known = new();

    public string DoctypeOf(EntityKind entity) => doctypeOf(entity);

    public void Remember(string doctype, string key, LedgerHit hit) => _known[(doctype, key)] = hit;

    /// <summary>Drops what is known of a document nothing refers to (a message), once its record is settled: a run holds only what later records may need.</summary>
    public void Forget(string doctype, string key) => _known.TryRemove((doctype, key), out _);

    /// <summary>How many documents the resolver holds.</summary>
    public int Count => _known.Count;

    public bool TryGet(string doctype, string key, out LedgerHit hit) => _known.TryGetValue((doctype, key), out hit!);

    /// <summary>Loads the ledger lines of many keys at once (one query per doctype per claim batch).</summary>
    public async Task PrefetchAsync(string doctype, IEnumerable<string> keys, CancellationToken ct)
    {
        var missing = keys.Where(k => k.Length > 0 && !_known.ContainsKey((doctype, k))).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var (key, hit) in await ledger.FindAsync(doctype, missing, ct))
        {
            _known.TryAdd((doctype, key), hit);
        }
    }

    public async Task<LedgerHit?> FindAsync(EntityKind entity, string key, CancellationToken ct)
    {
        var doctype = doctypeOf(entity);
        if (_known.TryGetValue((doctype, key), out var hit))
        {
            return hit;
        }

        await PrefetchAsync(doctype, [key], ct);
        return _known.TryGetValue((doctype, key), out hit) ? hit : null;
    }
}
