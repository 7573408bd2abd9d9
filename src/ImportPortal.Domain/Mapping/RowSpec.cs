using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A child-table row a mapping writes (<c>email_ids.0</c>) and the cells that carry data: a row left with only its
/// constants (<c>is_primary: 1</c> without an address) is dropped, and an emptied table with it.
/// </summary>
internal sealed record RowSpec(FieldStage Stage, string Root, int Index, string[] DataLeaves)
{
    public void Prune(EntityBodies bodies)
    {
        if (bodies.Existing(Stage) is not { } body || body[Root] is not JsonArray rows || Index >= rows.Count)
        {
            return;
        }

        if (rows[Index] is JsonObject row && !DataLeaves.Any(row.ContainsKey))
        {
            rows.RemoveAt(Index);
        }

        if (rows.Count == 0)
        {
            body.Remove(Root);
        }
    }
}
