using System.Globalization;
using FrappeSimulator.Documents;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Behaviours;

/// <summary>ERPNext Customer: group and territory from Selling Settings defaults; a taken name becomes "Name - 1".</summary>
sealed class CustomerBehaviour : IDocTypeBehaviour
{
    public void BeforeLinks(DocumentContext ctx)
    {
        if (ctx.IsEmpty("customer_group"))
        {
            ctx.Doc["customer_group"] = "All Customer Groups";
        }

        if (ctx.IsEmpty("territory"))
        {
            ctx.Doc["territory"] = "All Territories";
        }
    }

    public string? ChooseName(DocumentContext ctx, DocTable table)
    {
        var baseName = (ctx.Text("customer_name") ?? "").Trim();
        if (!table.Rows.ContainsKey(baseName))
        {
            return baseName;
        }

        var n = 1;
        while (table.Rows.ContainsKey(Numbered(baseName, n)))
        {
            n++;
        }

        var name = Numbered(baseName, n);
        ctx.Messages.Add(new ServerMessage($"Changed customer name to '{name}' from '{baseName}'", Indicator: "yellow", RaiseException: false));
        return name;
    }

    static string Numbered(string baseName, int n) => string.Create(CultureInfo.InvariantCulture, $"{baseName} - {n}");
}
