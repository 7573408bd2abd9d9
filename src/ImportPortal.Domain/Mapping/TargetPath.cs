using System.Globalization;
using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>A target: a fieldname (<c>subject</c>) or a cell of a child-table row (<c>email_ids.0.email_id</c>).</summary>
internal readonly record struct TargetPath(string Root, int Index, string? Leaf)
{
    public bool IsRowCell => Leaf is not null;

    public static TargetPath Parse(string target)
    {
        var parts = target.Split('.');
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

        Row(body)[Leaf] = value;
    }

    public JsonObject Row(JsonObject body)
    {
        if (body[Root] is not JsonArray rows)
        {
            body[Root] = rows = [];
        }

        while (rows.Count <= Index)
        {
            rows.Add(new JsonObject());
        }

        return (JsonObject)rows[Index]!;
    }

    public TargetPath Sibling(string leaf) => this with { Leaf = leaf };
}
