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
        foreach (var chunk in sourceKeys.Chunk(500))
        {
            var rows = await db.IdMap.AsNoTracking()
                .Where(e => e.SiteId == siteId && e.Doctype == doctype && chunk.Contains(e.SourceKey))
                .Select(e => new { e.SourceKey, e.FrappeName, e.Created, e.FirstRunId })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                result[row.SourceKey] = new LedgerHit(row.FrappeName, row.Created, row.FirstRunId == runId);
            }
        }

        return result;
    }
}
