using System.Text.Json.Nodes;
using Refit;

namespace ImportPortal.Frappe;

/// <summary>
/// The parts of Frappe's REST API that ImportPortal calls. Every call names its site; <see cref="FrappeSiteHandler"/>
/// points the request at that site and signs it. Answers are returned whole so errors can be decoded, not thrown away.
/// </summary>
[Headers("Accept: application/json")]
public interface IFrappeApi
{
    /// <summary>How many documents a request carries (insert_many): the site's limiter weighs its latency per document.</summary>
    public const string Documents = "frappe.documents";

    private const string Site = FrappeSiteConnection.OptionKey;

    [Get("/api/method/ping")]
    Task<IApiResponse<JsonObject>> PingAsync([Property(Site)] FrappeSiteConnection site, CancellationToken ct);

    [Get("/api/method/frappe.auth.get_logged_user")]
    Task<IApiResponse<JsonObject>> GetLoggedUserAsync([Property(Site)] FrappeSiteConnection site, CancellationToken ct);

    [Get("/api/method/frappe.utils.change_log.get_versions")]
    Task<IApiResponse<JsonObject>> GetVersionsAsync([Property(Site)] FrappeSiteConnection site, CancellationToken ct);

    [Get("/api/method/frappe.desk.form.load.getdoctype")]
    Task<IApiResponse<JsonObject>> GetDoctypeAsync([Property(Site)] FrappeSiteConnection site, string doctype, CancellationToken ct);

    [Get("/api/resource/{doctype}")]
    Task<IApiResponse<JsonObject>> ListAsync(
        [Property(Site)] FrappeSiteConnection site,
        string doctype,
        string? fields,
        string? filters,
        [AliasAs("order_by")] string? orderBy,
        [AliasAs("limit_start")] int limitStart,
        [AliasAs("limit_page_length")] int limitPageLength,
        CancellationToken ct);

    [Get("/api/resource/{doctype}/{name}")]
    Task<IApiResponse<JsonObject>> GetAsync([Property(Site)] FrappeSiteConnection site, string doctype, string name, CancellationToken ct);

    [Post("/api/resource/{doctype}")]
    Task<IApiResponse<FrappeInserted>> InsertAsync([Property(Site)] FrappeSiteConnection site, string doctype, [Body(buffered: true)] JsonObject document, CancellationToken ct);

    [Put("/api/resource/{doctype}/{name}")]
    Task<IApiResponse<JsonObject>> UpdateAsync([Property(Site)] FrappeSiteConnection site, string doctype, string name, [Body(buffered: true)] JsonObject changes, CancellationToken ct);

    [Delete("/api/resource/{doctype}/{name}")]
    Task<IApiResponse<JsonObject>> DeleteAsync([Property(Site)] FrappeSiteConnection site, string doctype, string name, CancellationToken ct);

    /// <summary>Body: <c>{"docs": [...]}</c>, at most 200, each with its doctype.</summary>
    [Post("/api/method/frappe.client.insert_many")]
    Task<IApiResponse<JsonObject>> InsertManyAsync([Property(Site)] FrappeSiteConnection site, [Property(Documents)] int documents, [Body(buffered: true)] JsonObject body, CancellationToken ct);

    [Get("/api/method/frappe.client.get_count")]
    Task<IApiResponse<JsonObject>> GetCountAsync([Property(Site)] FrappeSiteConnection site, string doctype, string? filters, CancellationToken ct);

    [Get("/api/resource/HD Settings/HD Settings")]
    Task<IApiResponse<JsonObject>> GetHelpdeskSettingsAsync([Property(Site)] FrappeSiteConnection site, CancellationToken ct);

    [Put("/api/resource/HD Settings/HD Settings")]
    Task<IApiResponse<JsonObject>> UpdateHelpdeskSettingsAsync([Property(Site)] FrappeSiteConnection site, [Body(buffered: true)] JsonObject changes, CancellationToken ct);

    /// <summary>Body: <c>{"enable": 0}</c> suspends the e-mail queue, <c>{"enable": 1}</c> resumes it.</summary>
    [Post("/api/method/frappe.email.doctype.email_queue.email_queue.toggle_sending")]
    Task<IApiResponse<JsonObject>> ToggleSendingAsync([Property(Site)] FrappeSiteConnection site, [Body(buffered: true)] JsonObject body, CancellationToken ct);

    /// <summary>Body: <c>{"assign_to": [user], "doctype", "name", "assigned_by"}</c>.</summary>
    [Post("/api/method/frappe.desk.form.assign_to.add")]
    Task<IApiResponse<JsonObject>> AssignAsync([Property(Site)] FrappeSiteConnection site, [Body(buffered: true)] JsonObject body, CancellationToken ct);

    /// <summary>Body: <c>{"tags": [...], "dt": doctype, "docs": [name]}</c>.</summary>
    [Post("/api/method/frappe.desk.doctype.tag.tag.add_tags")]
    Task<IApiResponse<JsonObject>> AddTagsAsync([Property(Site)] FrappeSiteConnection site, [Body(buffered: true)] JsonObject body, CancellationToken ct);

    /// <summary>Multipart: the file, the document it is attached to, and whether it is private.</summary>
    [Multipart]
    [Post("/api/method/upload_file")]
    Task<IApiResponse<JsonObject>> UploadFileAsync(
        [Property(Site)] FrappeSiteConnection site,
        string doctype,
        string docname,
        [AliasAs("is_private")] int isPrivate,
        [AliasAs("file")] StreamPart file,
        CancellationToken ct);

    [Post("/api/resource/Custom Field")]
    Task<IApiResponse<JsonObject>> CreateCustomFieldAsync([Property(Site)] FrappeSiteConnection site, [Body(buffered: true)] JsonObject field, CancellationToken ct);
}
