using System.Text.Json.Nodes;
using ImportPortal.Domain.Frappe;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Checks a batch's link values against the site with one list call per doctype and chunk
/// (<c>filters=[["name","in",[...]]]</c>, as many values as fit a request line), never one call per record, and pins
/// what is missing to the fields.
/// </summary>
public static class LinkChecker
{
    public const int DefaultChunkSize = 200;

    /// <summary>The checks whose value the site has no document for.</summary>
    public static async Task<IReadOnlySet<LinkCheck>> FindMissingAsync(IEnumerable<LinkCheck> checks, IFrappeSite site, int chunkSize = DefaultChunkSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var missing = new HashSet<LinkCheck>();
        foreach (var group in checks.Where(c => c.Value.Length > 0).Distinct().GroupBy(c => c.Doctype, StringComparer.Ordinal))
        {
            foreach (var chunk in ListFilters.Chunk(group.Select(c => c.Value), chunkSize))
            {
                var found = await ExistingAsync(site, group.Key, chunk, ct);
                missing.UnionWith(chunk.Where(v => !found.Contains(v)).Select(v => new LinkCheck(group.Key, v)));
            }
        }

        return missing;
    }

    /// <summary>The <see cref="MappingProblemCodes.LinkMissing"/> problems of one mapped entity.</summary>
    public static IReadOnlyList<FieldProblem> ProblemsFor(MappedEntity entity, IReadOnlySet<LinkCheck> missing)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(missing);
        return entity.LinkChecks
            .Where(c => missing.Contains(c.Check))
            .Select(c => new FieldProblem(c.Field, MappingProblemCodes.LinkMissing, [c.Field, c.Check.Doctype, c.Check.Value], MappingSeverity.Error))
            .ToList();
    }

    // Frappe compares names case-insensitively (MariaDB collation), so "urgent" finds "Urgent".
    private static async Task<HashSet<string>> ExistingAsync(IFrappeSite site, string doctype, IReadOnlyList<string> values, CancellationToken ct)
    {
        var rows = await site.ListAsync(doctype, FrappeListQuery.AllNames(ListFilters.In("name", values)), ct);
        return rows.Select(r => r["name"]?.ToString()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
