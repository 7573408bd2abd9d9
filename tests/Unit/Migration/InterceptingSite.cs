using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// The real site with something happening around it: the first list answers of one doctype miss what was just written
/// (a lagging replica, a send still being processed), or a callback runs after each insert (the operator presses pause)
/// or after each read of a document (someone else edits it before the caller writes it back).
/// </summary>
public sealed class InterceptingSite(IFrappeSite inner) : IFrappeSite
{
    private int _missed;

    public string? LaggingDoctype { get; init; }

    public int MissedLists { get; init; }

    public Action<string>? AfterInsert { get; init; }

    public Task<string> GetLoggedUserAsync(CancellationToken ct) => inner.GetLoggedUserAsync(ct);

    public Task<IReadOnlyList<AppVersion>> GetVersionsAsync(CancellationToken ct) => inner.GetVersionsAsync(ct);

    public Task<DocTypeMeta> GetMetaAsync(string doctype, CancellationToken ct) => inner.GetMetaAsync(doctype, ct);

    public async Task<IReadOnlyList<JsonObject>> ListAsync(string doctype, FrappeListQuery query, CancellationToken ct)
    {
        var rows = await inner.ListAsync(doctype, query, ct);
        return doctype == LaggingDoctype && Interlocked.Increment(ref _missed) <= MissedLists ? [] : rows;
    }

    /// <summary>Runs after each read of one document, before the caller sees it (someone else edits it meanwhile).</summary>
    public Func<string, string, Task>? AfterGet { get; init; }

    public async Task<JsonObject?> GetAsync(string doctype, string name, CancellationToken ct)
    {
        var document = await inner.GetAsync(doctype, name, ct);
        if (AfterGet is not null)
        {
            await AfterGet(doctype, name);
        }

        return document;
    }

    public async Task<string> InsertAsync(string doctype, JsonObject document, CancellationToken ct)
    {
        var created = await inner.InsertAsync(doctype, document, ct);
        AfterInsert?.Invoke(doctype);
        return created;
    }

    public Task<JsonObject> UpdateAsync(string doctype, string name, JsonObject changes, CancellationToken ct) => inner.UpdateAsync(doctype, name, changes, ct);

    public Task<bool> DeleteAsync(string doctype, string name, CancellationToken ct) => inner.DeleteAsync(doctype, name, ct);

    public Task<IReadOnlyList<string>> InsertManyAsync(IReadOnlyList<JsonObject> documents, CancellationToken ct) => inner.InsertManyAsync(documents, ct);

    public Task<int> CountAsync(string doctype, JsonNode? filters, CancellationToken ct) => inner.CountAsync(doctype, filters, ct);

    public Task<FrappeFile> UploadFileAsync(FileUpload upload, CancellationToken ct) => inner.UploadFileAsync(upload, ct);

    public Task SetEmailSendingAsync(bool enabled, CancellationToken ct) => inner.SetEmailSendingAsync(enabled, ct);

    public Task AssignAsync(string doctype, string name, string user, string assignedBy, CancellationToken ct) => inner.AssignAsync(doctype, name, user, assignedBy, ct);

    public Task AddTagsAsync(string doctype, string name, IReadOnlyList<string> tags, CancellationToken ct) => inner.AddTagsAsync(doctype, name, tags, ct);
}
