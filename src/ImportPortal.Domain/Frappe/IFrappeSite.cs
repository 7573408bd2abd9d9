using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Frappe;

/// <summary>
/// One Frappe site, as the import loop and the preflight see it. Every failure is a <see cref="FrappeException"/>
/// whose <see cref="FrappeError.Kind"/> says what to do; a POST whose fate is unknown is never re-sent underneath.
/// </summary>
public interface IFrappeSite
{
    /// <summary>The user the API key belongs to (<c>frappe.auth.get_logged_user</c>).</summary>
    Task<string> GetLoggedUserAsync(CancellationToken ct);

    /// <summary>Installed apps and their versions (<c>frappe.utils.change_log.get_versions</c>).</summary>
    Task<IReadOnlyList<AppVersion>> GetVersionsAsync(CancellationToken ct);

    /// <summary>A doctype's fields, from the site's live metadata.</summary>
    Task<DocTypeMeta> GetMetaAsync(string doctype, CancellationToken ct);

    Task<IReadOnlyList<JsonObject>> ListAsync(string doctype, FrappeListQuery query, CancellationToken ct);

    /// <summary>The document, or null when the site has no document of that name.</summary>
    Task<JsonObject?> GetAsync(string doctype, string name, CancellationToken ct);

    /// <summary>
    /// Creates a document and returns the name the site gave it. The body is only read (serialised before the request
    /// goes), never kept or changed.
    /// </summary>
    Task<string> InsertAsync(string doctype, JsonObject document, CancellationToken ct);

    /// <summary>Changes a document. The body is only read, never kept or changed.</summary>
    Task<JsonObject> UpdateAsync(string doctype, string name, JsonObject changes, CancellationToken ct);

    /// <summary>Deletes the document; false when the site had no document of that name.</summary>
    Task<bool> DeleteAsync(string doctype, string name, CancellationToken ct);

    /// <summary>
    /// <c>frappe.client.insert_many</c>: at most 200 documents (each with its <c>doctype</c>), all or nothing; names in input
    /// order. The documents become part of the request: none may belong to another JSON tree.
    /// </summary>
    Task<IReadOnlyList<string>> InsertManyAsync(IReadOnlyList<JsonObject> documents, CancellationToken ct);

    Task<int> CountAsync(string doctype, JsonNode? filters, CancellationToken ct);

    /// <summary>
    /// <c>frappe.desk.form.assign_to.add</c>: an open ToDo for <paramref name="user"/> on the document, made by
    /// <paramref name="assignedBy"/>; nothing when the user has an open one already. Frappe notifies the user unless
    /// the two are the same.
    /// </summary>
    Task AssignAsync(string doctype, string name, string user, string assignedBy, CancellationToken ct);

    /// <summary>
    /// <c>frappe.desk.doctype.tag.tag.add_tags</c>: each tag on the document (its <c>_user_tags</c>), and a <c>Tag</c>
    /// for each the site lacks; a tag the document has is left as it is. The document is not saved.
    /// </summary>
    Task AddTagsAsync(string doctype, string name, IReadOnlyList<string> tags, CancellationToken ct);

    /// <summary>
    /// <c>upload_file</c>: a File holding the bytes, attached to the document. Its fate is unknown when no answer came,
    /// like an insert's.
    /// </summary>
    Task<FrappeFile> UploadFileAsync(FileUpload upload, CancellationToken ct);

    /// <summary>Suspends (false) or resumes (true) the site's outgoing e-mail queue.</summary>
    Task SetEmailSendingAsync(bool enabled, CancellationToken ct);
}
