using System.Text.RegularExpressions;
using FrappeSimulator.Documents;
using FrappeSimulator.Hosting;
using FrappeSimulator.Metadata;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>Custom Field: explicit fieldname kept, else custom_&lt;label&gt;; saving it adds the column to the doctype.</summary>
sealed partial class CustomFieldBehaviour(SimulatedSite site) : IDocTypeBehaviour
{
    public void BeforeValidate(DocumentContext ctx)
    {
        if (!ctx.IsNew)
        {
            return;
        }

        if (ctx.IsEmpty("fieldname"))
        {
            var snake = NonWord().Replace((ctx.Text("label") ?? "").Trim().ToLowerInvariant(), "_").Trim('_');
            ctx.Doc["fieldname"] = "custom_" + snake;
        }

        var target = site.Metadata.Find(ctx.Text("dt") ?? "");
        var fieldname = ctx.Text("fieldname")!;
        if (target?.Field(fieldname) is { IsCustom: false })
        {
            throw FrappeErrors.Fail("ValidationError", $"Fieldname {fieldname} already exists in {target.Name}");
        }

        var after = ctx.Text("insert_after");
        ctx.Idx = target?.Fields.Select((f, i) => (f, i)).Where(p => p.f.Fieldname == after).Select(p => p.i + 1).FirstOrDefault() ?? 0;
    }

    public string? ChooseName(DocumentContext ctx, DocTable table) => $"{ctx.Text("dt")}-{ctx.Text("fieldname")}";

    public void AfterInsert(DocumentContext ctx)
    {
        var field = new DocFieldMeta(
            ctx.Text("fieldname")!,
            ctx.Text("fieldtype") ?? "Data",
            ctx.Text("label"),
            ctx.Text("options"),
            JsonDocs.IsTrue(ctx.Doc["reqd"]),
            JsonDocs.IsTrue(ctx.Doc["unique"]),
            int.TryParse(ctx.Text("length"), out var length) ? length : 0,
            ctx.Text("default"),
            ctx.Text("fetch_from"));
        site.Metadata.AddCustomField(ctx.Text("dt")!, field, ctx.Text("insert_after"));
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();
}
