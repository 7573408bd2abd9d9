using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Migration;

/// <summary>Finds documents on the site by a field's values, one list call per doctype, field and chunk (at most 100 values, and what fits a request line).</summary>
public static class SiteLookup
{
    public const int ChunkSize = 100;

    /// <summary>Value to the Frappe name of a document holding it (the first, by name, when several do).</summary>
    public static async Task<Dictionary<string, string>> FindAsync(IFrappeSite site, string doctype, string field, IEnumerable<string> values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(site);
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in ListFilters.Chunk(values.Distinct(StringComparer.OrdinalIgnoreCase), ChunkSize))
        {
            var filter = ListFilters.In(field, chunk);
            var fields = field == "name" ? new[] { "name" } : ["name", field];
            var rows = await site.ListAsync(doctype, new FrappeListQuery(fields, filter, "creation asc", 0, 0), ct);
            foreach (var row in rows)
            {
                if (row["name"]?.ToString() is { } name && row[field]?.ToString() is { } value)
                {
                    found.TryAdd(value, name);
                }
            }
        }

        return found;
    }
}
