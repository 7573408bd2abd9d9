using System.Collections.Concurrent;
using FrappeSimulator.Hosting;

namespace FrappeSimulator.Metadata;

/// <summary>The doctypes of one simulated site; custom fields are added at run time.</summary>
public sealed class MetadataRegistry
{
    readonly ConcurrentDictionary<string, DocTypeMeta> doctypes = new(StringComparer.OrdinalIgnoreCase);

    // What links to each doctype, worked out once per doctype and forgotten when a custom field changes the metadata.
    readonly ConcurrentDictionary<string, LinksTo> linksTo = new(StringComparer.OrdinalIgnoreCase);

    public MetadataRegistry(HelpdeskVersion version)
    {
        // Later folders replace a doctype of earlier ones: 1.28 is 1.22 with its own HD Customer.
        string[] folders = version switch
        {
            HelpdeskVersion.V1_4 => ["DocTypes/common/", "DocTypes/v1_4/"],
            HelpdeskVersion.V1_22 => ["DocTypes/common/", "DocTypes/v1_22/"],
            _ => ["DocTypes/common/", "DocTypes/v1_22/", "DocTypes/v1_28/"],
        };
        var assembly = typeof(MetadataRegistry).Assembly;
        var names = assembly.GetManifestResourceNames();
        foreach (var folder in folders)
        {
            foreach (var resource in names.Where(n => n.StartsWith(folder, StringComparison.Ordinal)))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                var meta = MetadataFile.Parse(stream);
                doctypes[meta.Name] = meta;
            }
        }
    }

    public IEnumerable<string> Names => doctypes.Values.Select(d => d.Name).Order(StringComparer.Ordinal);

    public bool Exists(string doctype) => doctypes.ContainsKey(doctype);

    public DocTypeMeta? Find(string doctype) => doctypes.GetValueOrDefault(doctype);

    public DocTypeMeta Get(string doctype) =>
        Find(doctype) ?? throw new KeyNotFoundException($"DocType {doctype} not found");

    /// <summary>Adds (or replaces) a custom field, the way saving a Custom Field alters the table.</summary>
    public void AddCustomField(string doctype, DocFieldMeta field, string? insertAfter)
    {
        doctypes.AddOrUpdate(
            doctype,
            _ => throw new KeyNotFoundException(doctype),
            (_, meta) => meta.WithCustomField(field with { IsCustom = true }, insertAfter));
        linksTo.Clear();
    }

    /// <summary>
    /// Every Link field of a stored doctype that points at <paramref name="doctype"/>, and every child-table row field
    /// that does (with the parent's table field): what a delete of one of its documents must look at.
    /// </summary>
    public LinksTo LinksTo(string doctype) => linksTo.GetOrAdd(doctype, target =>
    {
        var stored = doctypes.Values.Where(m => !m.IsTable && !m.IsSingle).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var fields = stored
            .SelectMany(other => other.DataFields.Where(f => f.IsLink && string.Equals(f.Options, target, StringComparison.OrdinalIgnoreCase)).Select(f => new LinkField(other, f)))
            .ToList();
        var rows = stored
            .SelectMany(other => other.TableFields
                .Where(t => t.Options is not null && Exists(t.Options))
                .SelectMany(t => Get(t.Options!).DataFields
                    .Where(f => f.IsLink && string.Equals(f.Options, target, StringComparison.OrdinalIgnoreCase))
                    .Select(f => new ChildLinkField(other, t, f))))
            .ToList();
        return new LinksTo(fields, rows);
    });
}

/// <summary>A Link field on <paramref name="Parent"/>'s own row.</summary>
public sealed record LinkField(DocTypeMeta Parent, DocFieldMeta Field);

/// <summary>A Link field on the rows of <paramref name="Parent"/>'s child table <paramref name="Table"/>.</summary>
public sealed record ChildLinkField(DocTypeMeta Parent, DocFieldMeta Table, DocFieldMeta Field);

/// <summary>What links to one doctype.</summary>
public sealed record LinksTo(IReadOnlyList<LinkField> Fields, IReadOnlyList<ChildLinkField> Rows);
