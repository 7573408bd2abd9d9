using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>The id ledger of one site, read by the run <paramref name="runId"/>.</summary>
public sealed class EfIdLedger(IDbContextFactory<PortalDbContext> databases, Guid siteId, Guid runId) : IIdLedger
{
    public async Task<IReadOnlyDictionary<string, LedgerHit>> FindAsync(string doctype, IReadOnlyCollection<string> sourceKeys, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var result = new Dictionary<string, LedgerHit>(StringComparer.Ordinal);
        foreach (var line in await Lines(db, siteId, doctype, sourceKeys.ToList()).ToListAsync(ct))
        {
            result[line.SourceKey] = new LedgerHit(line.FrappeName, line.Created, line.FirstRunId == runId);
        }

        return result;
    }

    /// <summary>
    /// The ledger lines of a claim batch's keys, the keys bound as one JSON parameter: the statement's text and EF's
    /// translation stay the same whatever the batch's size, where a parameter per key made EF rewrite the SQL for every batch.
    /// </summary>
    internal static IQueryable<IdMapEntry> Lines(PortalDbContext db, Guid siteId, string doctype, List<string> keys) =>
        db.IdMap.AsNoTracking().Where(e => e.SiteId == siteId && e.Doctype == doctype && EF.Parameter(keys).Contains(e.SourceKey));
}
