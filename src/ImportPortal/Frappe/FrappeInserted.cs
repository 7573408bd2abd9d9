using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImportPortal.Frappe;

/// <summary>
/// The answer to an insert, read for the one thing the import keeps: the new document's name. The rest of the
/// document Frappe sends back is skipped by the reader instead of built into a tree, once per record.
/// </summary>
public sealed record FrappeInserted([property: JsonPropertyName("data")] FrappeInsertedDocument? Data)
{
    /// <summary>The name as text: a string, or a number for doctypes named by autoincrement (HD Ticket).</summary>
    public string? Name => Data?.Name.ValueKind switch
    {
        JsonValueKind.String => Data.Name.GetString(),
        JsonValueKind.Number => Data.Name.GetRawText(),
        _ => null,
    };
}

public sealed record FrappeInsertedDocument([property: JsonPropertyName("name")] JsonElement Name);
