using FrappeSimulator.Documents;
using System.Globalization;
using System.Text.Json.Nodes;
using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;

namespace FrappeSimulator.Api;

/// <summary>GET /api/resource/{doctype} and frappe.client.get_list: fields, filters, order_by, paging.</summary>
sealed record ListQuery(
    IReadOnlyList<(string Column, string Key)> Fields,
    IReadOnlyList<ListFilter> Filters,
    IReadOnlyList<ListFilter> OrFilters,
    IReadOnlyList<(string Column, bool Descending)> Order,
    int Start,
    int? PageLength,
    bool AsDict)
{
    static readonly string[] StandardColumns = ["name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"];

    public static ListQuery From(JsonObject args, DocTypeMeta meta) => new(
        SelectedFields(RequestArgs.Json(args, "fields"), meta),
        ListFilter.Parse(RequestArgs.Json(args, "filters")),
        ListFilter.Parse(RequestArgs.Json(args, "or_filters")),
        OrderBy(RequestArgs.Text(args, "order_by") ?? $"{meta.SortField} {meta.SortOrder}"),
        Number(args, "limit_start") ?? Number(args, "start") ?? 0,
        PageLengthOf(args),
        RequestArgs.Text(args, "as_dict") is not ("0" or "false" or "False"));

    public IEnumerable<JsonObject> Matching(SimulatedSite site, DocTypeMeta meta)
    {
        var rows = Candidates(site, meta)
            .Where(r => Filters.All(f => f.Matches(r.Data)) && (OrFilters.Count == 0 || OrFilters.Any(f => f.Matches(r.Data))));
        IOrderedEnumerable<StoredDocument>? sorted = null;
        foreach (var (column, descending) in Order)
        {
            Func<StoredDocument, string?> key = r => JsonDocs.Text(r.Data, column);
            sorted = sorted is null
                ? (descending ? rows.OrderByDescending(key, ValueOrder.Instance) : rows.OrderBy(key, ValueOrder.Instance))
                : (descending ? sorted.ThenByDescending(key, ValueOrder.Instance) : sorted.ThenBy(key, ValueOrder.Instance));
        }

        // Equal sort keys fall back to insertion order, the way equal timestamps follow the primary key.
        var firstDescending = Order.Count > 0 && Order[0].Descending;
        var final = sorted is null ? rows : (firstDescending ? sorted.ThenByDescending(r => r.Sequence) : sorted.ThenBy(r => r.Sequence));
        return final.Select(r => r.Data);
    }

    /// <summary>
    /// The rows the filters can match, in insertion order: through an index when an "=" or "in" filter is on an indexed
    /// or unique text field (a database answers those from its index), else every row.
    /// </summary>
    IEnumerable<StoredDocument> Candidates(SimulatedSite site, DocTypeMeta meta)
    {
        if (site.Store.FindTable(meta.Name) is not { } table)
        {
            return [];
        }

        foreach (var filter in Filters)
        {
            // The primary key answers "name = x" and "name in (...)" itself.
            if (filter.Field == "name" && filter.IndexKeys() is { } names)
            {
                return names.Distinct(StringComparer.OrdinalIgnoreCase)
                    .Select(name => table.Rows.GetValueOrDefault(DocumentEngine.Key(meta, name)))
                    .OfType<StoredDocument>()
                    .OrderBy(r => r.Sequence);
            }

            if (filter.IndexKeys() is not { } keys
                || !(table.Lookup.Covers(filter.Field) || meta.Field(filter.Field) is { Unique: true, IsVarchar: true }))
            {
                continue;
            }

            table.Lookup.Track(table, filter.Field);
            return keys.SelectMany(key => table.Lookup.Names(filter.Field, key))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(name => table.Rows.GetValueOrDefault(name))
                .OfType<StoredDocument>()
                .OrderBy(r => r.Sequence);
        }

        return site.Store.Ordered(meta.Name);
    }

    public JsonArray Run(SimulatedSite site, DocTypeMeta meta)
    {
        var page = Matching(site, meta).Skip(Start);
        if (PageLength is { } length)
        {
            page = page.Take(length);
        }

        return new JsonArray(page.Select(Project).ToArray());
    }

    JsonNode Project(JsonObject doc)
    {
        if (!AsDict)
        {
            return new JsonArray(Fields.Select(f => JsonDocs.Clone(doc[f.Column])).ToArray());
        }

        var row = new JsonObject();
        foreach (var (column, key) in Fields)
        {
            row[key] = JsonDocs.Clone(doc[column]);
        }

        return row;
    }

    static List<(string, string)> SelectedFields(JsonNode? fields, DocTypeMeta meta)
    {
        var names = fields switch
        {
            JsonArray array => array.Select(JsonDocs.Text).OfType<string>().ToList(),
            JsonValue value => [JsonDocs.Text(value)!],
            _ => ["name"],
        };
        var result = new List<(string, string)>();
        foreach (var name in names)
        {
            if (name.Trim() == "*")
            {
                result.AddRange(StandardColumns.Concat(meta.DataFields.Select(f => f.Fieldname)).Select(c => (c, c)));
                continue;
            }

            var parts = name.Split(" as ", 2, StringSplitOptions.TrimEntries);
            var column = ListFilter.Column(parts[0]);
            result.Add((column, parts.Length == 2 ? parts[1].Trim('`') : column));
        }

        return result;
    }

    static List<(string, bool)> OrderBy(string orderBy) =>
        orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(words => (ListFilter.Column(words[0]), words.Length > 1 && words[^1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>limit_page_length=0 means everything; the default page is 20.</summary>
    static int? PageLengthOf(JsonObject args)
    {
        var explicitLength = Number(args, "limit_page_length") ?? Number(args, "page_length");
        var length = explicitLength ?? (Number(args, "limit") is int limit && limit > 0 ? limit : 20);
        return length == 0 ? null : length;
    }

    static int? Number(JsonObject args, string key) =>
        int.TryParse(RequestArgs.Text(args, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
