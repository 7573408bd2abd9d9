using System.Text.Json.Nodes;

namespace FrappeSimulator.Metadata;

/// <summary>A doctype rendered as Frappe serves it (a DocType document with DocField rows), as in probe-23/24.</summary>
static class DocTypeDocument
{
    const string Stamp = "2023-10-17 14:27:11.078679";

    static readonly string[] DocFlags =
    [
        "is_virtual", "is_tree", "editable_grid", "track_changes", "read_only", "in_create", "allow_copy", "allow_rename",
        "allow_import", "hide_toolbar", "track_seen", "max_attachments", "is_submittable", "show_name_in_global_search",
        "custom", "beta", "has_web_view", "allow_guest_to_view", "email_append_to", "show_title_field_in_link",
        "translated_doctype", "is_calendar_and_gantt", "quick_entry", "track_views", "queue_in_background",
        "allow_events_in_timeline", "allow_auto_repeat", "make_attachments_public", "force_re_route_to_default_view",
        "show_preview_popup", "index_web_pages_for_search",
    ];

    static readonly string[] FieldFlags =
    [
        "search_index", "show_dashboard", "hidden", "set_only_once", "allow_in_quick_entry", "print_hide", "report_hide",
        "bold", "in_global_search", "collapsible", "no_copy", "allow_on_submit", "show_preview_popup", "permlevel",
        "ignore_user_permissions", "columns", "in_list_view", "fetch_if_empty", "in_filter", "remember_last_selected_value",
        "ignore_xss_filter", "print_hide_if_no_value", "allow_bulk_edit", "in_standard_filter", "in_preview", "read_only",
        "translatable", "hide_border", "hide_days", "hide_seconds", "non_negative", "is_virtual", "sort_options",
        "show_on_timeline", "make_attachment_public",
    ];

    public static JsonObject Build(DocTypeMeta meta)
    {
        var doc = Standard("DocType", meta.Name, null, 0);
        doc["search_fields"] = null;
        doc["issingle"] = meta.IsSingle ? 1 : 0;
        doc["istable"] = meta.IsTable ? 1 : 0;
        doc["module"] = meta.Module;
        doc["autoname"] = meta.Autoname;
        doc["naming_rule"] = meta.NamingRule;
        doc["title_field"] = meta.TitleField;
        doc["sort_field"] = meta.SortField;
        doc["sort_order"] = meta.SortOrder;
        doc["engine"] = "InnoDB";
        foreach (var flag in DocFlags)
        {
            doc[flag] = 0;
        }

        doc["is_large_table"] = false;
        doc["fields"] = new JsonArray(meta.Fields.Select((f, i) => (JsonNode)Field(meta, f, i + 1)).ToArray());
        doc["permissions"] = new JsonArray();
        foreach (var list in new[] { "actions", "links", "states" })
        {
            doc[list] = new JsonArray();
        }

        return doc;
    }

    static JsonObject Field(DocTypeMeta meta, DocFieldMeta field, int idx)
    {
        var row = Standard("DocField", $"{meta.Name}-{field.Fieldname}", meta.Name, idx);
        row["parentfield"] = "fields";
        row["parenttype"] = "DocType";
        row["fieldname"] = field.Fieldname;
        row["label"] = field.Label;
        row["fieldtype"] = field.Fieldtype;
        row["options"] = field.Options;
        row["default"] = field.Default;
        row["fetch_from"] = field.FetchFrom;
        row["reqd"] = field.Reqd ? 1 : 0;
        row["unique"] = field.Unique ? 1 : 0;
        row["length"] = field.Length;
        foreach (var flag in FieldFlags)
        {
            row[flag] = 0;
        }

        row["is_custom_field"] = field.IsCustom ? 1 : null;
        return row;
    }

    static JsonObject Standard(string doctype, string name, string? parent, int idx)
    {
        var doc = new JsonObject
        {
            ["doctype"] = doctype,
            ["name"] = name,
            ["creation"] = Stamp,
            ["modified"] = Stamp,
            ["modified_by"] = "Administrator",
            ["owner"] = "Administrator",
            ["docstatus"] = 0,
            ["idx"] = idx,
        };
        if (parent is not null)
        {
            doc["parent"] = parent;
        }

        return doc;
    }
}
