using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>/api/method/{dotted.path}: the whitelisted methods an importer uses.</summary>
sealed class MethodEndpoints
{
    static readonly string[] Reads = ["GET", "POST"];
    static readonly string[] Writes = ["POST", "PUT"];
    static readonly HashSet<string> StandardFields = ["name", "owner", "creation", "modified", "modified_by", "docstatus", "idx", "parent", "parentfield", "parenttype", "doctype"];

    readonly SimulatedSite site;
    readonly Dictionary<string, MethodSpec> methods;

    public MethodEndpoints(SimulatedSite site)
    {
        this.site = site;
        var documents = new DocumentMethods(site);
        var assignments = new AssignToMethod(site);
        var uploads = new UploadFileMethod(site);
        var tags = new TagMethod(site);
        methods = new(StringComparer.Ordinal)
        {
            ["ping"] = new(Reads, true, (http, _, _) => FrappeResponses.Message(http, "pong")),
            ["frappe.auth.get_logged_user"] = new(Reads, false, (http, user, _) => FrappeResponses.Message(http, user.Name)),
            ["frappe.utils.change_log.get_versions"] = new(Reads, false, (http, _, _) => FrappeResponses.Message(http, Versions())),
            ["frappe.client.insert_many"] = new(Writes, false, documents.InsertMany),
            ["frappe.client.insert"] = new(Writes, false, documents.Insert),
            ["frappe.client.get_count"] = new(Reads, false, documents.GetCount),
            ["frappe.client.get_list"] = new(Reads, false, documents.GetList),
            ["frappe.client.get_value"] = new(Reads, false, documents.GetValue),
            ["frappe.client.get"] = new(Reads, false, documents.Get),
            ["frappe.client.set_value"] = new(Writes, false, documents.SetValue),
            ["frappe.client.delete"] = new(["POST", "DELETE"], false, documents.Delete),
            ["frappe.email.doctype.email_queue.email_queue.toggle_sending"] = new(Writes, false, ToggleSending),
            ["frappe.desk.form.load.getdoctype"] = new(Reads, false, GetDoctype),
            ["frappe.desk.form.assign_to.add"] = new(Writes, false, assignments.Add),
            ["upload_file"] = new(Writes, false, uploads.Upload),
            ["frappe.desk.doctype.tag.tag.add_tags"] = new(Writes, false, tags.AddTags),
        };
    }

    public static IReadOnlySet<string> StandardFieldNames => StandardFields;

    public async Task Handle(HttpContext http, SessionUser? user, string method)
    {
        if (!methods.TryGetValue(method, out var spec) || (user is null && !spec.AllowGuest))
        {
            throw new FrappeException(FrappeErrors.MethodNotWhitelisted(method));
        }

        if (!spec.Verbs.Contains(http.Request.Method))
        {
            throw FrappeErrors.Fail("PermissionError", "Not permitted", 403);
        }

        var args = await RequestArgs.ReadAsync(http.Request, http.RequestAborted);
        await spec.Handler(http, user ?? SessionUser.Administrator, args);
    }

    JsonObject Versions()
    {
        static JsonObject App(string title, string description, string version) =>
            new() { ["title"] = title, ["description"] = description, ["branch"] = "", ["version"] = version };
        var versions = new JsonObject { ["frappe"] = App("Frappe Framework", "Full stack web framework with Python, Javascript, MariaDB, Redis, Node", "15.55.1") };
        if (site.IsModern)
        {
            versions["telephony"] = App("Telephony", "Telephony for Frappe apps", "0.0.1");
        }

        versions["helpdesk"] = App("Helpdesk", "Customer Service Software", site.HelpdeskRelease);
        return versions;
    }

    Task ToggleSending(HttpContext http, SessionUser user, JsonObject args)
    {
        site.EmailSendingSuspended = !JsonDocs.IsTrue(args["enable"]);
        return FrappeResponses.Empty(http);
    }

    /// <summary>{"docs": [the doctype, then its child doctypes], "user_settings": "{}"}.</summary>
    async Task GetDoctype(HttpContext http, SessionUser user, JsonObject args)
    {
        var meta = site.Engine.Meta(RequestArgs.Text(args, "doctype") ?? "");
        var children = meta.TableFields.Select(t => site.Metadata.Find(t.Options ?? "")).OfType<DocTypeMeta>();
        var docs = new JsonArray(new[] { meta }.Concat(children).Select(m => (JsonNode)DocTypeDocument.Build(m)).ToArray());
        var body = new JsonObject { ["docs"] = docs, ["user_settings"] = "{}" };
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    sealed record MethodSpec(string[] Verbs, bool AllowGuest, Func<HttpContext, SessionUser, JsonObject, Task> Handler);
}
