using System.Globalization;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>Contact controller: full name, primary e-mail/phone derived from the tables, "First Last-Link" naming.</summary>
sealed class ContactBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    public void BeforeValidate(DocumentContext ctx)
    {
        var doc = ctx.Doc;
        var fullName = string.Join(" ", new[] { "first_name", "middle_name", "last_name" }.Select(ctx.Text).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        doc["full_name"] = fullName.Length > 0 ? fullName : ctx.Text("company_name");
        doc["email_id"] = Primary(ctx, "email_ids", "is_primary", "email_id");
        doc["phone"] = PrimaryPhone(ctx, "is_primary_phone");
        doc["mobile_no"] = PrimaryPhone(ctx, "is_primary_mobile_no");
        if (ctx.IsEmpty("image"))
        {
            doc["image"] = "";
        }

        foreach (var link in JsonDocs.Rows(doc, "links"))
        {
            var target = site.Metadata.Find(JsonDocs.Text(link, "link_doctype") ?? "");
            var linked = target is null ? null : site.Find(target.Name, JsonDocs.Text(link, "link_name") ?? "");
            link["link_title"] = linked is null ? null : JsonDocs.Text(linked, target!.TitleField ?? "name") ?? JsonDocs.Text(linked, "customer_name") ?? JsonDocs.Text(linked, "name");
        }
    }

    /// <summary>Duplicates are never an error: "-1", "-2"... are appended (append_number_if_name_exists).</summary>
    public string? ChooseName(DocumentContext ctx, DocTable table)
    {
        var baseName = (ctx.Text("full_name") ?? "").Trim();
        if (JsonDocs.Rows(ctx.Doc, "links").FirstOrDefault() is { } firstLink)
        {
            baseName = $"{baseName}-{JsonDocs.Text(firstLink, "link_name")}";
        }

        var name = baseName;
        for (var n = 1; table.Rows.ContainsKey(name); n++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{baseName}-{n}");
        }

        return name;
    }

    /// <summary>A single row is primary by force; more than one primary is refused.</summary>
    static string Primary(DocumentContext ctx, string table, string flag, string field)
    {
        var rows = JsonDocs.Rows(ctx.Doc, table).ToList();
        if (rows.Count == 1)
        {
            rows[0][flag] = 1;
        }

        var primaries = rows.Where(r => JsonDocs.IsTrue(r[flag])).ToList();
        if (primaries.Count > 1)
        {
            throw FrappeErrors.Fail("ValidationError", "Only one Email ID can be set as primary.");
        }

        return primaries.Count == 1 ? JsonDocs.Text(primaries[0], field) ?? "" : "";
    }

    static string PrimaryPhone(DocumentContext ctx, string flag) =>
        JsonDocs.Rows(ctx.Doc, "phone_nos").Where(r => JsonDocs.IsTrue(r[flag])).Select(r => JsonDocs.Text(r, "phone")).FirstOrDefault() ?? "";
}
