using System.Text.Json.Nodes;
using FrappeSimulator.Documents;
using FrappeSimulator.Faults;
using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>frappe.client.*: insert_many, insert, get_count, get_list, get_value, get, set_value, delete.</summary>
sealed class DocumentMethods(SimulatedSite site)
{
    const int InsertManyLimit = 200;

    /// <summary>At most 200 documents, inserted in order in one transaction: the first failure rolls back all.</summary>
    public Task InsertMany(HttpContext http, SessionUser user, JsonObject args)
    {
        var docs = RequestArgs.Json(args, "docs") as JsonArray ?? [];
        if (docs.Count > InsertManyLimit)
        {
            throw FrappeErrors.Fail("ValidationError", $"Only {InsertManyLimit} inserts allowed in one request");
        }

        // Service time of a batch: one request's overhead and its documents' inserts, as on the real server (see BatchCost).
        http.Items[BatchCost.ItemKey] = docs.OfType<JsonObject>().GroupBy(doc => JsonDocs.Text(doc, "doctype") ?? "").Sum(g => BatchCost.Of(g.Key, g.Count()));
        var names = site.Engine.InTransaction(tx =>
            docs.OfType<JsonObject>()
                .Select(doc => site.Engine.Insert(JsonDocs.Text(doc, "doctype") ?? "", doc, user, tx).Doc["name"]!.DeepClone())
                .ToArray());
        return FrappeResponses.Message(http, new JsonArray(names));
    }

    public Task Insert(HttpContext http, SessionUser user, JsonObject args)
    {
        var doc = RequestArgs.Json(args, "doc") as JsonObject ?? throw FrappeErrors.Fail("ValidationError", "doc is required");
        var meta = site.Engine.Meta(JsonDocs.Text(doc, "doctype") ?? "");
        var inserted = site.Engine.InTransaction(tx => site.Engine.Insert(meta.Name, doc, user, tx));
        return FrappeResponses.Message(http, WithNulls(meta, inserted.Doc));
    }

    public Task GetCount(HttpContext http, SessionUser user, JsonObject args)
    {
        var meta = Meta(args);
        var query = ListQuery.From(args, meta);
        return FrappeResponses.Message(http, query.Matching(site, meta).Count());
    }

    public Task GetList(HttpContext http, SessionUser user, JsonObject args)
    {
        var meta = Meta(args);
        return FrappeResponses.Message(http, ListQuery.From(args, meta).Run(site, meta));
    }

    /// <summary>Singles (System Settings, HD Settings) are read by doctype alone; others by name or filters.</summary>
    public Task GetValue(HttpContext http, SessionUser user, JsonObject args)
    {
        var meta = Meta(args);
        var fields = RequestArgs.Json(args, "fieldname") switch
        {
            JsonArray list => list.Select(JsonDocs.Text).OfType<string>().ToList(),
            var one => [JsonDocs.Text(one) ?? "name"],
        };
        var doc = meta.IsSingle ? site.Find(meta.Name, meta.Name) : FindByFilters(meta, args);
        if (doc is null)
        {
            return FrappeResponses.Empty(http);
        }

        var result = new JsonObject();
        foreach (var field in fields)
        {
            result[field] = JsonDocs.Clone(doc[field]);
        }

        return FrappeResponses.Message(http, result);
    }

    public Task Get(HttpContext http, SessionUser user, JsonObject args)
    {
        var meta = Meta(args);
        var doc = RequestArgs.Text(args, "name") is { } name ? site.Engine.Get(meta.Name, name) : FindByFilters(meta, args)
            ?? throw FrappeErrors.NotFound(meta.Name, "");
        return FrappeResponses.Message(http, WithNulls(meta, doc));
    }

    /// <summary>A string fieldname that is a standard field is refused; the dict form is not checked (as in Frappe).</summary>
    public Task SetValue(HttpContext http, SessionUser user, JsonObject args)
    {
        var meta = Meta(args);
        var name = RequestArgs.Text(args, "name") ?? throw FrappeErrors.Fail("ValidationError", "name is required");
        var changes = RequestArgs.Json(args, "fieldname") switch
        {
            JsonObject many => many,
            var one when JsonDocs.Text(one) is { } field => MethodEndpoints.StandardFieldNames.Contains(field)
                ? throw FrappeErrors.Fail("ValidationError", "Cannot edit standard fields")
                : new JsonObject { [field] = JsonDocs.Clone(args["value"]) },
            _ => throw FrappeErrors.Fail("ValidationError", "fieldname is required"),
        };
        var saved = site.Engine.InTransaction(tx => site.Engine.Save(meta.Name, name, changes, user, tx));
        return FrappeResponses.Message(http, WithNulls(meta, saved));
    }

    public Task Delete(HttpContext http, SessionUser user, JsonObject args)
    {
        var meta = Meta(args);
        var name = RequestArgs.Text(args, "name") ?? "";
        site.Engine.InTransaction(tx =>
        {
            site.Engine.Delete(meta.Name, name, tx);
            return 0;
        });
        return FrappeResponses.Empty(http);
    }

    DocTypeMeta Meta(JsonObject args) => site.Engine.Meta(RequestArgs.Text(args, "doctype") ?? "");

    JsonObject? FindByFilters(DocTypeMeta meta, JsonObject args) => RequestArgs.Json(args, "filters") switch
    {
        JsonValue name when JsonDocs.Text(name) is { } text => site.Find(meta.Name, text),
        var filters => ListQuery.From(new JsonObject { ["filters"] = filters?.DeepClone() }, meta).Matching(site, meta).FirstOrDefault(),
    };

    /// <summary>frappe.client returns doc.as_dict(): every field present, nulls included.</summary>
    public static JsonObject WithNulls(DocTypeMeta meta, JsonObject doc)
    {
        var copy = JsonDocs.CloneObject(doc);
        foreach (var field in meta.DataFields.Where(f => !copy.ContainsKey(f.Fieldname)))
        {
            copy[field.Fieldname] = null;
        }

        return copy;
    }
}
