using System.Globalization;
using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A target: a fieldname (<c>subject</c>), a cell of a child-table row (<c>email_ids.0.email_id</c>), or a cell of one
/// row per value of a comma-separated list, after the numbered rows (<c>email_ids.*.email_id</c>: a contact's other
/// e-mail addresses).
/// </summary>
internal readonly record struct TargetPath(string Root, int Index, string? Leaf)
{
    /// <summary>The <see cref="Index"/> of a cell written once per value of a list, each in a row of its own.</summary>
    public const int Each = -2;

    public bool IsRowCell => Leaf is not null;

    public bool IsEach => Index == Each;

    public static TargetPath Parse(string target)
    {
        var parts = target.Split('.');
        if (parts.Length == 3 && parts[1] == "*")
        {
            return new TargetPath(parts[0], Each, parts[2]);
        }

        return parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? new TargetPath(parts[0], index, parts[2])
            : new TargetPath(target, -1, null);
    }

    public void Write(JsonObject body, JsonNode? value)
    {
        if (Leaf is null)
        {
            body[Root] = value;
            return;
        }

        if (IsEach)
        {
            foreach (var item in (value?.ToString() ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                Rows(body).Add(new JsonObject { [Leaf] = item });
            }

            return;
        }

        Row(body)[Leaf] = value;
    }

    private JsonArray Rows(JsonObject body)
    {
        if (body[Root] is not JsonArray rows)
        {
            body[Root] = rows = [];
        }

        return rows;
    }

    public JsonObject Row(JsonObject body)
    {
        var rows = Rows(body);
        while (rows.Count <= Index)
        {
            rows.Add(new JsonObject());
        }

        return (JsonObject)rows[Index]!;
    }

    public TargetPath Sibling(string leaf) => this with { Leaf = leaf };
}
