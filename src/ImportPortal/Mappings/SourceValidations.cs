using Hangfire;
using ImportPortal.Jobs;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Mappings;

/// <summary>Starts whole-source validations as background jobs and reads back the latest one of a profile.</summary>
public sealed class SourceValidations(IDbContextFactory<PortalDbContext> databases, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task<Guid> StartAsync(string actor, Guid profileId, Guid siteId, IReadOnlyDictionary<string, TableBinding> bindings, CancellationToken ct)
    {
        var validation = new SourceValidation
        {
            Id = Guid.NewGuid(),
            ProfileId = profileId,
            SiteId = siteId,
            BindingsJson = StoredJson.Write(bindings),
            State = ValidationState.Queued,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor,
        };
        await using var db = await databases.CreateDbContextAsync(ct);
        db.SourceValidations.Add(validation);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ValidateSourceJob>(job => job.ExecuteAsync(validation.Id, CancellationToken.None));
        return validation.Id;
    }

    public async Task<SourceValidation?> LatestAsync(Guid profileId, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.SourceValidations.AsNoTracking()
            .Where(v => v.ProfileId == profileId)
            .OrderByDescending(v => v.CreatedAt)
            .FirstOrDefaultAsync(ct);
    }
}
