using Hangfire;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Migration;
using ImportPortal.Frappe;
using ImportPortal.Persistence;
using ImportPortal.Runs;
using ImportPortal.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImportPortal.Jobs;

/// <summary>
/// Work on the site of a run no job works on any more (checking it there, taking it back off): done while holding the
/// run's lease, so a retry or resume waits for it, and only while the run still asks for it. A lease still held (a
/// crashed job's, not lapsed yet) schedules the job again for when it may have lapsed. A site that refuses or cannot
/// be reached ends the work with its error: Hangfire's own retry is off, and the operator asks again.
/// </summary>
/// <typeparam name="TJob">The job itself, as Hangfire schedules it again.</typeparam>
[AutomaticRetry(Attempts = 0)]
public abstract class RunSiteJob<TJob>(
    IDbContextFactory<PortalDbContext> databases, SiteCatalog sites, IBackgroundJobClient jobs, IOptions<RunsOptions> options, TimeProvider time)
    where TJob : RunSiteJob<TJob>
{
    protected IDbContextFactory<PortalDbContext> Databases => databases;

    protected TimeProvider Time => time;

    public async Task ExecuteAsync(Guid runId, CancellationToken ct)
    {
        var lease = new RunLease(databases, runId, Guid.NewGuid(), options.Value.LeaseDuration, time);
        await lease.HoldStoppedAsync(
            async () => await LoadAskedAsync(runId, ct) is not null,
            () => jobs.Schedule<TJob>(job => job.ExecuteAsync(runId, CancellationToken.None), options.Value.LeaseDuration),
            () => WorkAsync(runId, lease, ct),
            ct);
    }

    /// <summary>Whether the run asks for this work and it has not ended yet.</summary>
    protected abstract bool Asked(ImportRun run);

    /// <summary>The work itself, on the run's site; <paramref name="lease"/> is kept between batches (<see cref="RunLease.KeepAsync"/>).</summary>
    protected abstract Task WorkAsync(ImportRun run, FrappeSiteConnection connection, RunLease lease, CancellationToken ct);

    /// <summary>
    /// The site refused or could not be reached, or is gone: the work ends with <paramref name="reason"/> (the site's
    /// words, or the portal's sentence <paramref name="text"/> in English).
    /// </summary>
    protected abstract Task StoppedAsync(Guid runId, string reason, PortalText? text);

    private async Task<ImportRun?> LoadAskedAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.DeletedAt == null, ct) is { } run && Asked(run) ? run : null;
    }

    private async Task WorkAsync(Guid runId, RunLease lease, CancellationToken ct)
    {
        if (await LoadAskedAsync(runId, ct) is not { } run)
        {
            return;
        }

        try
        {
            var connection = await sites.ConnectAsync(run.SiteId, ct) ?? throw new PortalTextException(new PortalText(RecordTexts.SiteGone));
            await WorkAsync(run, connection, lease, ct);
        }
        catch (Exception ex) when (ex is FrappeException or InvalidOperationException or HttpRequestException)
        {
            var (reason, text) = PortalFailure.WhyStopped(ex);
            await StoppedAsync(runId, reason, text);
        }
    }
}
