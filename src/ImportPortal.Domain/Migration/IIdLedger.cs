namespace ImportPortal.Domain.Migration;

/// <summary>Source key to Frappe name, per site and doctype; it outlives runs, which is what makes a re-run safe.</summary>
public interface IIdLedger
{
    Task<IReadOnlyDictionary<string, LedgerHit>> FindAsync(string doctype, IReadOnlyCollection<string> sourceKeys, CancellationToken ct);
}
