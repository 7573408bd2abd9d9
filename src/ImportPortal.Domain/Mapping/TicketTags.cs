using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A ticket's tags. Frappe keeps a document's tags in its <c>_user_tags</c> column, comma-separated, with a <c>Tag</c>
/// document for each; <c>frappe.desk.doctype.tag.tag.add_tags</c> makes both and leaves a tag the document has alone, so
/// adding them again is safe. It writes the column directly: the ticket is not saved, so Helpdesk stamps nothing with "now".
/// </summary>
public static class TicketTags
{
    /// <summary>The target of a ticket's tags: the tags separated by commas (or a list of them).</summary>
    public const string Field = "tags";

    /// <summary>The longest tag: a <c>Tag</c> is named by it, and a name holds 140 characters.</summary>
    public const int MaxLength = 140;

    /// <summary>
    /// The tags of <paramref name="body"/>: its <see cref="Field"/> split at commas, trimmed, each once (the first
    /// spelling kept; Frappe compares tags as the database does, without case), empty ones dropped.
    /// </summary>
    public static IReadOnlyList<string> Of(JsonObject? body)
    {
        var values = body?[Field] switch
        {
            JsonArray list => list.Select(v => v?.ToString() ?? ""),
            JsonValue one => [one.ToString()],
            _ => [],
        };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. values.SelectMany(v => v.Split(',')).Select(t => t.Trim()).Where(t => t.Length > 0 && seen.Add(t))];
    }
}
