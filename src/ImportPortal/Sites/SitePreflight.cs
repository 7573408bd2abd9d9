using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Preflight;
using ImportPortal.Frappe;
using ImportPortal.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImportPortal.Sites;

/// <summary>Runs the preflight against a stored site, keeps the report with the site, and creates the external-id fields.</summary>
public sealed class SitePreflight(
    SiteCatalog catalog,
    FrappeSiteClientFactory clients,
    IDbContextFactory<PortalDbContext> databases,
    TimeProvider time)
{
    public async Task<PreflightReport?> RunAsync(Guid siteId, CancellationToken ct)
    {
        if (await catalog.ConnectAsync(siteId, ct) is not { } connection)
        {
            return null;
        }

        // "Test connection" reads the site as it is now, not as it was cached.
        clients.ForgetMetadata(connection);
        var report = await new PreflightInspector(clients.Create(connection), time).RunAsync(ct);
        await catalog.SavePreflightAsync(siteId, PreflightJsonReader.Write(report), report.CheckedAt, ct);
        return report;
    }

    public async Task<PreflightReport?> LastReportAsync(Guid siteId, CancellationToken ct) =>
        PreflightJsonReader.Read(await catalog.ReadPreflightJsonAsync(siteId, ct));

    /// <summary>Creates <c>custom_source_id</c> where it is missing; returns the doctypes that got it.</summary>
    public async Task<IReadOnlyList<string>> CreateExternalIdFieldsAsync(string actor, Guid siteId, CancellationToken ct)
    {
        var connection = await catalog.ConnectAsync(siteId, ct) ?? throw new FrappeException(FrappeError.NotSent("site not found or its secret is unreadable"));
        clients.ForgetMetadata(connection);
        var created = await ExternalIdFields.CreateMissingAsync(clients.Create(connection), ct);
        clients.ForgetMetadata(connection);

        await using var db = await databases.CreateDbContextAsync(ct);
        // Named by the site's name, as every other action on a site is.
        var name = await db.Sites.Where(s => s.Id == siteId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? connection.BaseUrl.ToString();
        new AuditLog(db, time).Record(actor, "site.custom-fields-created", name,
            created.Count == 0 ? new PortalText(AuditTexts.NoFieldMissing) : new PortalText(AuditTexts.FieldCreatedOn, ExternalIdFields.Fieldname, string.Join(", ", created)));
        await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>The "refresh metadata" button: the next read of any doctype goes to the site.</summary>
    public async Task RefreshMetadataAsync(Guid siteId, CancellationToken ct)
    {
        if (await catalog.ConnectAsync(siteId, ct) is { } connection)
        {
            clients.ForgetMetadata(connection);
        }
    }
}
