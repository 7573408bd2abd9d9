using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Tests.Unit.Preflight;

/// <summary>
/// An in-memory <see cref="IFrappeSite"/>: documents per doctype, metas, and failures on demand. Unknown doctypes are
/// NotFound, a refused key fails every call with AuthOrPermission, and a Custom Field insert adds the field to its meta.
/// </summary>
internal sealed class FakeFrappeSite : IFrappeSite
{
    private readonly Dictionary<string, DocTypeMeta> metas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> documents = new(StringComparer.Ordinal);

    public string LoggedUser { get; set; } = "Administrator";

    public bool RefuseKey { get; set; }

    /// <summary>When set, every call fails with this error (a site that does not answer, redirects, or whose certificate is refused).</summary>
    public FrappeError? FailEverything { get; set; }

    public List<AppVersion> Versions { get; } = [new("frappe", "Frappe Framework", "15.55.1"), new("helpdesk", "Helpdesk", "1.22.2")];

    /// <summary>Doctypes whose every call fails with the given kind.</summary>
    public Dictionary<string, FrappeErrorKind> Failing { get; } = new(StringComparer.Ordinal);

    public List<(string DocType, JsonObject Document)> Inserted { get; } = [];

    public void AddMeta(string doctype, params DocFieldMeta[] fields) =>
        metas[doctype] = new DocTypeMeta(doctype, false, false, null, fields);

    public void AddFields(string doctype, params DocFieldMeta[] fields) =>
        metas[doctype] = metas[doctype] with { Fields = [.. metas[doctype].Fields, .. fields] };

    public void RemoveDocType(string doctype)
    {
        metas.Remove(doctype);
        documents.Remove(doctype);
    }

    public void Add(string doctype, JsonObject document)
    {
        if (!documents.TryGetValue(doctype, out var list))
        {
            documents[doctype] = list = [];
        }

        list.Add(document);
    }

    public void Clear(string doctype) => documents[doctype] = [];

    public JsonObject Single(string doctype) => documents[doctype][0];

    public static DocFieldMeta Field(string fieldname, string fieldtype = "Data", string? options = null, bool custom = false) =>
        new(fieldname, fieldtype, fieldname, options, false, false, 0, false, custom);

    public static FrappeException Error(FrappeErrorKind kind, string message) =>
        new(new FrappeError(kind, kind switch { FrappeErrorKind.NotFound => 404, FrappeErrorKind.AuthOrPermission => 401, _ => 500 }, null, [message]));

    public Task<string> GetLoggedUserAsync(CancellationToken ct) => Call(null, () => LoggedUser);

    public Task<IReadOnlyList<AppVersion>> GetVersionsAsync(CancellationToken ct) => Call(null, () => (IReadOnlyList<AppVersion>)Versions.ToList());

    public Task<DocTypeMeta> GetMetaAsync(string doctype, CancellationToken ct) => Call(doctype, () => metas[doctype]);

    public Task<IReadOnlyList<JsonObject>> ListAsync(string doctype, FrappeListQuery query, CancellationToken ct) =>
        Call(doctype, () => (IReadOnlyList<JsonObject>)Matching(doctype, query.Filters)
            .Select(d => query.Fields is null ? d.DeepClone().AsObject() : Project(d, query.Fields))
            .ToList());

    public Task<JsonObject?> GetAsync(string doctype, string name, CancellationToken ct) =>
        Call(doctype, () => Docs(doctype).FirstOrDefault(d => Text(d["name"]) == name)?.DeepClone().AsObject());

    public Task<int> CountAsync(string doctype, JsonNode? filters, CancellationToken ct) => Call(doctype, () => Matching(doctype, filters).Count());

    public Task<string> InsertAsync(string doctype, JsonObject document, CancellationToken ct) => Call(doctype, () =>
    {
        if (doctype == "Custom Field")
        {
            var dt = Text(document["dt"])!;
            var fieldname = Text(document["fieldname"])!;
            if (metas[dt].HasField(fieldname))
            {
                throw Error(FrappeErrorKind.Duplicate, $"{dt}-{fieldname} already exists");
            }

            AddFields(dt, Field(fieldname, Text(document["fieldtype"]) ?? "Data", custom: true));
            document["name"] = $"{dt}-{fieldname}";
        }

        Inserted.Add((doctype, document.DeepClone().AsObject()));
        Add(doctype, document);
        return Text(document["name"]) ?? "";
    });

    public Task<JsonObject> UpdateAsync(string doctype, string name, JsonObject changes, CancellationToken ct) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string doctype, string name, CancellationToken ct) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> InsertManyAsync(IReadOnlyList<JsonObject> documents, CancellationToken ct) => throw new NotSupportedException();

    public Task<FrappeFile> UploadFileAsync(FileUpload upload, CancellationToken ct) => throw new NotSupportedException();

    public Task SetEmailSendingAsync(bool enabled, CancellationToken ct) => throw new NotSupportedException();

    public Task AssignAsync(string doctype, string name, string user, string assignedBy, CancellationToken ct) => throw new NotSupportedException();

    public Task AddTagsAsync(string doctype, string name, IReadOnlyList<string> tags, CancellationToken ct) => throw new NotSupportedException();

    private Task<T> Call<T>(string? doctype, Func<T> answer)
    {
        if (FailEverything is { } failure)
        {
            throw new FrappeException(failure);
        }

        if (RefuseKey)
        {
            throw new FrappeException(new FrappeError(FrappeErrorKind.AuthOrPermission, 401, "AuthenticationError", ["Invalid API key"]));
        }

        if (doctype is not null && Failing.TryGetValue(doctype, out var kind))
        {
            throw Error(kind, $"{doctype}: {kind}");
        }

        if (doctype is not null && !metas.ContainsKey(doctype))
        {
            throw Error(FrappeErrorKind.NotFound, $"DocType {doctype} not found");
        }

        return Task.FromResult(answer());
    }

    private List<JsonObject> Docs(string doctype) => documents.TryGetValue(doctype, out var list) ? list : [];

    private IEnumerable<JsonObject> Matching(string doctype, JsonNode? filters) =>
        Docs(doctype).Where(d => Conditions(filters).All(c => Matches(d, c.Field, c.Op, c.Value)));

    private static IEnumerable<(string Field, string Op, JsonNode? Value)> Conditions(JsonNode? filters) => filters switch
    {
        JsonArray list => list.OfType<JsonArray>().Select(c => (Text(c[0])!, Text(c[1])!, c[2])),
        JsonObject dict => dict.Select(p => (p.Key, "=", p.Value)),
        _ => [],
    };

    private static bool Matches(JsonObject doc, string field, string op, JsonNode? value) => op switch
    {
        "=" => Text(doc[field]) == Text(value) || (Text(value) == "0" && doc[field] is null),
        "in" => value is JsonArray options && options.Any(o => Text(o) == Text(doc[field])),
        _ => throw new NotSupportedException(op),
    };

    private static JsonObject Project(JsonObject doc, IReadOnlyList<string> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f, doc[f]?.DeepClone())));

    private static string? Text(JsonNode? node) => node is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
}
