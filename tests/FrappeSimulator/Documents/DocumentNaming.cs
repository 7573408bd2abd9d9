using System.Globalization;
using System.Text.Json.Nodes;
using FrappeSimulator.Behaviours;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Documents;

/// <summary>Frappe's naming rules: autoincrement, ".####" series, field:x, hash, Prompt, controller autoname.</summary>
static class DocumentNaming
{
    /// <summary>
    /// Before validation. Autoincrement takes its number here for good (a DB sequence is not rolled back,
    /// so failed inserts use numbers up); a series only peeks, because its counter is transactional.
    /// </summary>
    public static void Provisional(DocumentContext ctx, DocTable table, JsonObject body)
    {
        var meta = ctx.Meta;
        if (meta.IsSingle)
        {
            ctx.ReservedName = meta.Name;
        }
        else if (meta.IsAutoincrement)
        {
            ctx.ReservedName = table.NextNumber();
        }
        else if (IsSeries(meta.Autoname))
        {
            ctx.ProvisionalName = Series(meta.Autoname, table.Counter + 1);
        }
        else if (meta.Autoname == "hash")
        {
            ctx.ReservedName = HashName.New();
        }
        else if (meta.Autoname == "Prompt")
        {
            ctx.ReservedName = JsonDocs.Text(body, "__newname") ?? JsonDocs.Text(body, "name")
                ?? throw FrappeErrors.Fail("ValidationError", $"{meta.Name}: Name not set");
        }

        if (ctx.ReservedName is { } reserved)
        {
            ctx.ProvisionalName = JsonDocs.Text(reserved)!;
        }
        else if (FieldOf(meta.Autoname) is { } field)
        {
            ctx.ProvisionalName = ctx.Text(field)?.Trim() ?? "";
        }
    }

    /// <summary>Under the table's write lock: the name the document is stored under.</summary>
    public static (JsonNode Name, long? SeriesNumber) Final(DocumentContext ctx, DocTable table, IDocTypeBehaviour behaviour)
    {
        if (ctx.ReservedName is { } reserved)
        {
            return (reserved, null);
        }

        if (IsSeries(ctx.Meta.Autoname))
        {
            var number = table.NextNumber();
            return (Series(ctx.Meta.Autoname, number), number);
        }

        var name = FieldOf(ctx.Meta.Autoname) is { } field ? ctx.Text(field)?.Trim() : behaviour.ChooseName(ctx, table);
        return (name ?? HashName.New(), null);
    }

    static bool IsSeries(string autoname) => autoname.Contains('#', StringComparison.Ordinal) && !autoname.StartsWith("field:", StringComparison.Ordinal);

    static string? FieldOf(string autoname) => autoname.StartsWith("field:", StringComparison.Ordinal) ? autoname[6..] : null;

    /// <summary>".####" → "0001"; the prefix before the dot is kept, more digits appear past 9999.</summary>
    static string Series(string autoname, long number)
    {
        var hashes = autoname.Count(c => c == '#');
        var prefix = autoname[..autoname.IndexOf('#', StringComparison.Ordinal)].TrimEnd('.');
        return prefix + number.ToString(new string('0', hashes), CultureInfo.InvariantCulture);
    }
}
