using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Mapping;
using ImportPortal.Frappe;

namespace ImportPortal.Sites;

/// <summary>What became of a field asked for on a site.</summary>
public enum SiteFieldResult
{
    /// <summary>Made now.</summary>
    Created,

    /// <summary>The doctype had a field of that name already: it is used as it is.</summary>
    Existing,

    /// <summary>The site's stored secret cannot be read (the portal's keys changed): nothing was asked.</summary>
    SiteUnreadable,
}

/// <summary>Fields the operator adds to a site's doctypes from the portal, so data Helpdesk has no field for can be sent.</summary>
public sealed class SiteFields(SiteCatalog catalog, FrappeSiteClientFactory clients)
{
    /// <summary>
    /// A <c>Custom Field</c> on <paramref name="doctype"/> (see <see cref="NewCustomField"/>); a field of that name on the
    /// doctype already is taken as it is. The site's cached fields are read again afterwards, so the editor offers it.
    /// A refusal of the site is thrown, with its decoded error.
    /// </summary>
    public async Task<SiteFieldResult> AddCustomFieldAsync(Guid siteId, string doctype, string fieldname, string label, string fieldtype, CancellationToken ct)
    {
        var body = NewCustomField.Body(doctype, fieldname, label, fieldtype);
        if (await catalog.ConnectAsync(siteId, ct) is not { } connection)
        {
            return SiteFieldResult.SiteUnreadable;
        }

        clients.ForgetMetadata(connection);
        var site = clients.Create(connection);
        try
        {
            if ((await site.GetMetaAsync(doctype, ct)).HasField(fieldname))
            {
                return SiteFieldResult.Existing;
            }

            await site.InsertAsync(NewCustomField.Doctype, body, ct);
            return SiteFieldResult.Created;
        }
        catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.Duplicate)
        {
            // The Custom Field document exists already (made meanwhile, or by hand under this name).
            return SiteFieldResult.Existing;
        }
        finally
        {
            clients.ForgetMetadata(connection);
        }
    }
}
