using System.Text.Json.Nodes;

namespace ImportPortal.Domain.Frappe;

/// <summary>A resource list request: which fields, which documents, in what order, which page (0 = every row).</summary>
public sealed record FrappeListQuery(
    IReadOnlyList<string>? Fields = null,
    JsonNode? Filters = null,
    string? OrderBy = null,
    int Start = 0,
    int PageLength = 20)
{
    /// <summary>Only the document names, every matching row.</summary>
    public static FrappeListQuery AllNames(JsonNode? filters = null) => new(["name"], filters, "name asc", 0, 0);
}
