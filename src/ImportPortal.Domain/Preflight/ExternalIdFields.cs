using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Preflight;

/// <summary>
/// The external-id convention: a unique, read-only Data field <c>custom_source_id</c> ("Source ID") on the doctypes
/// an import creates, holding the record's id in the source system so a re-run finds what it already created.
/// </summary>
public static class ExternalIdFields
{
    public const string Fieldname = "custom_source_id";

    public const string Label = "Source ID";

    public const string CustomFieldDocType = "Custom Field";

    /// <summary>The doctypes that carry the field.</summary>
    public static IReadOnlyList<string> DocTypes { get; } = ["HD Ticket", "Contact", "Communication", "HD Ticket Comment"];

    // Where the field goes on the form: next to the record's own identity, on fields every supported version has.
    private static readonly Dictionary<string, string> InsertAfter = new(StringComparer.Ordinal)
    {
        ["HD Ticket"] = "raised_by",
        ["Contact"] = "email_id",
        ["Communication"] = "message_id",
        ["HD Ticket Comment"] = "commented_by",
    };

    /// <summary>The <c>Custom Field</c> document that adds the field to <paramref name="doctype"/>.</summary>
    public static JsonObject CustomFieldFor(string doctype)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(doctype);
        var body = new JsonObject
        {
            ["dt"] = doctype,
            ["fieldname"] = Fieldname,
            ["label"] = Label,
            ["fieldtype"] = "Data",
            ["unique"] = 1,
            ["read_only"] = 1,
            ["no_copy"] = 1,
        };
        if (InsertAfter.TryGetValue(doctype, out var after))
        {
            body["insert_after"] = after;
        }

        return body;
    }

    /// <summary>
    /// Adds the field to every doctype in <see cref="DocTypes"/> whose live metadata lacks it; returns those doctypes.
    /// Idempotent: a second call finds the fields and creates nothing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CreateMissingAsync(IFrappeSite site, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        var created = new List<string>();
        foreach (var doctype in DocTypes)
        {
            var meta = await site.GetMetaAsync(doctype, ct);
            if (meta.HasField(Fieldname))
            {
                continue;
            }

            if (await TryCreateAsync(site, meta, ct))
            {
                created.Add(doctype);
            }
        }

        return created;
    }

    private static async Task<bool> TryCreateAsync(IFrappeSite site, DocTypeMeta meta, CancellationToken ct)
    {
        var body = CustomFieldFor(meta.Name);
        if (body["insert_after"]?.GetValue<string>() is { } after && !meta.HasField(after))
        {
            body.Remove("insert_after");
        }

        try
        {
            await site.InsertAsync(CustomFieldDocType, body, ct);
            return true;
        }
        catch (FrappeException ex) when (ex.Error.Kind == FrappeErrorKind.Duplicate)
        {
            // The Custom Field document exists already (created meanwhile, or the metadata was cached): nothing to do.
            return false;
        }
    }
}
