using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.Data.Sqlite;
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

    // The ledger lines of the documents handed over as one JSON array: each line found through the unique index
    // (SiteId, Doctype, SourceKey) by a subquery of its own. Written as a join, SQLite's planner read the whole ledger
    // for every line of the batch (7 ms of the portal's CPU per document at 12,000 lines).
    internal const string ForgetSql =
        "DELETE FROM IdMap WHERE Id IN (SELECT (SELECT m.Id FROM IdMap AS m WHERE m.SiteId = $site AND m.Doctype = j.value ->> 'doctype' " +
        "AND m.SourceKey = j.value ->> 'key' AND m.FrappeName = j.value ->> 'name') FROM json_each($rows) AS j)";

    /// <summary>
    /// Forgets the site's ledger lines of these documents (taken back off the site, or gone from it and to be made
    /// again), in the caller's transaction: the next import of the same rows looks for them afresh.
    /// </summary>
    internal static Task ForgetAsync(PortalDbContext db, Guid siteId, IEnumerable<(string Doctype, string SourceKey, string FrappeName)> documents, CancellationToken ct)
    {
        var lines = System.Text.Json.JsonSerializer.Serialize(documents.Select(d => new Dictionary<string, string> { ["doctype"] = d.Doctype, ["key"] = d.SourceKey, ["name"] = d.FrappeName }));
        return db.Database.ExecuteSqlRawAsync(ForgetSql, [new SqliteParameter("$rows", lines), new SqliteParameter("$site", JsonRows.Key(siteId))], ct);
    }
}
