using ImportPortal.Domain.Migration;
using ImportPortal.Frappe;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Sites;

/// <summary>Adds, changes, lists and removes Frappe sites; every change is audited and the secret never leaves protected form here.</summary>
public sealed class SiteCatalog(IDbContextFactory<PortalDbContext> databases, SiteSecretProtector secrets, TimeProvider time)
{
    public async Task<IReadOnlyList<SiteSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return sites.Select(Summarize).ToList();
    }

    public async Task<SiteSummary?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } site ? Summarize(site) : null;
    }

    public async Task<SiteResult> AddAsync(string actor, SiteInput input, CancellationToken ct)
    {
        var problems = SiteInputRules.Check(input, secretRequired: true);
        if (problems.Count > 0)
        {
            return new SiteResult(null, problems);
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        if (await NameTakenAsync(db, input.Name.Trim(), except: null, ct))
        {
            return SiteResult.Fail("Sites.NameTaken");
        }

        var now = time.GetUtcNow();
        var site = new Site
        {
            Id = Guid.NewGuid(),
            Name = input.Name.Trim(),
            BaseUrl = SiteInputRules.NormalizeUrl(input.BaseUrl),
            ApiKey = input.ApiKey.Trim(),
            ProtectedSecret = secrets.Protect(input.ApiSecret.Trim()),
            CreatedAt = now,
            UpdatedAt = now,
            SecretChangedAt = now,
        };
        db.Sites.Add(site);
        Audit(db, actor, "site.created", site, new PortalText(AuditTexts.SiteCreated, site.BaseUrl, site.ApiKey));
        await db.SaveChangesAsync(ct);
        return SiteResult.Ok(site.Id);
    }

    public async Task<SiteResult> UpdateAsync(string actor, Guid id, SiteInput input, CancellationToken ct)
    {
        var problems = SiteInputRules.Check(input, secretRequired: false);
        if (problems.Count > 0)
        {
            return new SiteResult(null, problems);
        }

        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.Sites.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } site)
        {
            return SiteResult.Fail("Sites.NotFound");
        }

        if (await NameTakenAsync(db, input.Name.Trim(), except: id, ct))
        {
            return SiteResult.Fail("Sites.NameTaken");
        }

        var changes = DescribeChanges(site, input);
        site.Name = input.Name.Trim();
        site.BaseUrl = SiteInputRules.NormalizeUrl(input.BaseUrl);
        site.ApiKey = input.ApiKey.Trim();
        site.UpdatedAt = time.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(input.ApiSecret))
        {
            site.ProtectedSecret = secrets.Protect(input.ApiSecret.Trim());
            site.SecretChangedAt = site.UpdatedAt;
        }

        // The last test spoke of another address or user: it no longer says what a run on this site would meet.
        if (changes.Any(c => c.Key is AuditTexts.SiteMoved or AuditTexts.SiteKeyChanged or AuditTexts.SiteSecretReplaced))
        {
            site.PreflightJson = null;
            site.PreflightAt = null;
        }

        Audit(db, actor, "site.changed", site, [.. changes]);
        await db.SaveChangesAsync(ct);
        return SiteResult.Ok(site.Id);
    }

    public async Task<bool> DeleteAsync(string actor, Guid id, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.Sites.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } site)
        {
            return false;
        }

        db.Sites.Remove(site);
        new AuditLog(db, time).Record(actor, "site.deleted", site.Name, site.BaseUrl);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The decrypted connection, for server-side use only; null when the site is gone or its secret unreadable.</summary>
    public async Task<FrappeSiteConnection?> ConnectAsync(Guid id, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        if (await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } site
            || secrets.TryUnprotect(site.ProtectedSecret) is not { } secret)
        {
            return null;
        }

        return new FrappeSiteConnection(new Uri(site.BaseUrl), site.ApiKey, secret);
    }

    public async Task<string?> ReadPreflightJsonAsync(Guid id, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        return await db.Sites.AsNoTracking().Where(s => s.Id == id).Select(s => s.PreflightJson).FirstOrDefaultAsync(ct);
    }

    public async Task SavePreflightAsync(Guid id, string reportJson, DateTimeOffset checkedAt, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        await db.Sites.Where(s => s.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(x => x.PreflightJson, reportJson).SetProperty(x => x.PreflightAt, checkedAt), ct);
    }

    private static SiteSummary Summarize(Site s) =>
        new(s.Id, s.Name, s.BaseUrl, s.ApiKey, s.UpdatedAt, s.SecretChangedAt, s.PreflightAt, PreflightJsonReader.Worst(s.PreflightJson));

    private static Task<bool> NameTakenAsync(PortalDbContext db, string name, Guid? except, CancellationToken ct) =>
        db.Sites.AnyAsync(s => s.Name == name && s.Id != except, ct);

    private static List<PortalText> DescribeChanges(Site site, SiteInput input)
    {
        var parts = new List<PortalText>();
        if (site.Name != input.Name.Trim()) parts.Add(new(AuditTexts.Renamed, site.Name, input.Name.Trim()));
        if (site.BaseUrl != SiteInputRules.NormalizeUrl(input.BaseUrl)) parts.Add(new(AuditTexts.SiteMoved, site.BaseUrl, SiteInputRules.NormalizeUrl(input.BaseUrl)));
        if (site.ApiKey != input.ApiKey.Trim()) parts.Add(new(AuditTexts.SiteKeyChanged, site.ApiKey, input.ApiKey.Trim()));
        if (!string.IsNullOrWhiteSpace(input.ApiSecret)) parts.Add(new(AuditTexts.SiteSecretReplaced));
        return parts.Count == 0 ? [new(AuditTexts.NoChange)] : parts;
    }

    // Named by the site's name as it is after the change.
    private void Audit(PortalDbContext db, string actor, string action, Site site, params PortalText[] detail) =>
        new AuditLog(db, time).Record(actor, action, site.Name, detail);
}
