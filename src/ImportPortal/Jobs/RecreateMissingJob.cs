using ImportPortal.Domain.Migration;
using Hangfire;
using ImportPortal.Domain.Frappe;
using ImportPortal.Frappe;
using ImportPortal.Persistence;
using ImportPortal.Sites;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Jobs;

/// <summary>
/// Creates again what a check of the site found lost (<see cref="Runs.RunChecks.RecreateAsync"/> has handed the records
/// back to the run): first the copies of detached messages are deleted — the run's own documents, on no ticket since
/// theirs was deleted, which the message sent again replaces — then the run works its pending records as a retry does.
/// A copy the site will not delete stays (said in the audit log); its message is sent again all the same.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class RecreateMissingJob(
    IDbContextFactory<PortalDbContext> databases,
    SiteCatalog sites,
    FrappeSiteClientFactory clients,
    RetryRecordsJob retry,
    TimeProvider time,
    ILogger<RecreateMissingJob> log)
{
    private const string Communication = "Communication";

    public async Task ExecuteAsync(Guid runId, IReadOnlyList<string> detached, CancellationToken ct)
    {
        if (detached.Count > 0)
        {
            await DeleteDetachedAsync(runId, detached, ct);
        }

        await retry.ExecuteAsync(runId, [], ct);
    }

    private async Task DeleteDetachedAsync(Guid runId, IReadOnlyList<string> detached, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.SiteId, r.Number }).FirstOrDefaultAsync(ct);
        if (run is null || await sites.ConnectAsync(run.SiteId, ct) is not { } connection)
        {
            return;
        }

        var site = clients.Create(connection);
        var kept = new List<string>();
        foreach (var name in detached)
        {
            try
            {
                // Gone already (a 404) is as good as deleted.
                await site.DeleteAsync(Communication, name, ct);
            }
            catch (FrappeException ex)
            {
                LogKept(runId, name, ex.Error.Summary);
                kept.Add(name);
            }
        }

        new AuditLog(db, time).Record("system", "run.check.detached", AuditTrail.RunSubject(run.Number),
            [
                new PortalText(AuditTexts.DetachedDeleted, (detached.Count - kept.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. kept.Count > 0 ? [new PortalText(AuditTexts.DetachedKept, string.Join(", ", kept.Take(20)))] : Array.Empty<PortalText>(),
            ]);
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the detached message {Name} could not be deleted: {Error}")]
    private partial void LogKept(Guid runId, string name, string error);
}
