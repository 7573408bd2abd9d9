using ImportPortal.Domain.Migration;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Runs;

/// <summary>Counts runs' records by stage and outcome with one grouped query.</summary>
public static class RunCounter
{
    public static async Task<IReadOnlyList<StageCounts>> CountAsync(PortalDbContext db, Guid runId, CancellationToken ct) =>
        (await CountManyAsync(db, [runId], ct))[runId];

    /// <summary>The counts of several runs (a page of the runs list) in one grouped query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<StageCounts>>> CountManyAsync(PortalDbContext db, IReadOnlyCollection<Guid> runIds, CancellationToken ct)
    {
        var rows = await Grouped(db, runIds).ToListAsync(ct);
        return runIds.Distinct().ToDictionary(id => id, IReadOnlyList<StageCounts> (id) => RunStages.All.Select(stage =>
        {
            var of = rows.Where(r => r.RunId == id && r.Stage == stage).ToList();
            return new StageCounts(
                stage,
                of.Sum(r => r.Count),
                of.Where(r => r.State == RecordState.Succeeded && r.Result is RecordResult.Created or RecordResult.WouldCreate).Sum(r => r.Count),
                of.Where(r => r.State == RecordState.Succeeded && r.Result is RecordResult.Updated or RecordResult.WouldUpdate).Sum(r => r.Count),
                of.Where(r => r.State == RecordState.Skipped).Sum(r => r.Count),
                of.Where(r => r.State == RecordState.Failed).Sum(r => r.Count));
        }).ToList());
    }

    /// <summary>How many records of each run have each stage, state and result: read from the claim index alone.</summary>
    internal static IQueryable<GroupCount> Grouped(PortalDbContext db, IReadOnlyCollection<Guid> runIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ImportRecords.AsNoTracking()
            .Where(r => runIds.Contains(r.RunId))
            .GroupBy(r => new { r.RunId, r.Stage, r.State, r.Result })
            .Select(g => new GroupCount(g.Key.RunId, g.Key.Stage, g.Key.State, g.Key.Result, g.LongCount()));
    }

    internal sealed record GroupCount(Guid RunId, RunStage Stage, RecordState State, RecordResult Result, long Count);

    /// <summary>The counts after a batch of outcomes of records that were InFlight.</summary>
    public static IReadOnlyList<StageCounts> Apply(IReadOnlyList<StageCounts> counts, IReadOnlyList<RecordOutcome> outcomes)
    {
        var byStage = outcomes.GroupBy(o => o.Stage).ToDictionary(g => g.Key);
        return counts.Select(c => byStage.TryGetValue(c.Stage, out var batch)
            ? c with
            {
                Created = c.Created + batch.Count(o => o.State == RecordState.Succeeded && o.Result is RecordResult.Created or RecordResult.WouldCreate),
                Updated = c.Updated + batch.Count(o => o.State == RecordState.Succeeded && o.Result is RecordResult.Updated or RecordResult.WouldUpdate),
                Skipped = c.Skipped + batch.Count(o => o.State == RecordState.Skipped),
                Failed = c.Failed + batch.Count(o => o.State == RecordState.Failed),
            }
            : c).ToList();
    }
}
