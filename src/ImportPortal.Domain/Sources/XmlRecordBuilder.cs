using System.Globalization;
using System.Xml.Linq;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Turns one Freshdesk XML element (a ticket, a user) into a record: leaves become columns typed by their
/// <c>type</c> attribute (<c>nil="true"</c> is null), unknown nested elements become dotted columns
/// (<c>ticket-states.resolved-at</c>), lists of objects (<c>notes/helpdesk-note</c>) become child records and
/// lists of single values (<c>tags/tag/name</c>) one comma-joined value.
/// </summary>
internal sealed class XmlRecordBuilder
{
    private static readonly HashSet<string> KnownLists = new(StringComparer.OrdinalIgnoreCase) { "notes", "attachments", "tags", "to_emails" };

    private readonly Dictionary<string, SourceSchema> childSchemas = new(StringComparer.Ordinal);

    public SourceRecord Build(XElement element, SourceSchema schema, SourceLocator locator)
    {
        var cells = new List<(int Index, SourceValue Value)>();
        var children = new Dictionary<string, List<SourceRecord>>(StringComparer.Ordinal);
        Flatten(element, "", schema, cells, children, locator);
        return RecordAssembly.Build(locator, schema, cells, children);
    }

    private void Flatten(XElement parent, string prefix, SourceSchema schema, List<(int, SourceValue)> cells, Dictionary<string, List<SourceRecord>> children, SourceLocator locator)
    {
        foreach (var element in parent.Elements())
        {
            var name = prefix + element.Name.LocalName;
            if (IsNil(element))
            {
                cells.Add((schema.GetOrAdd(name), SourceValue.Null));
            }
            else if (IsList(element))
            {
                AddList(element, name, schema, cells, children, locator);
            }
            else if (element.HasElements)
            {
                Flatten(element, name + ".", schema, cells, children, locator);
            }
            else
            {
                cells.Add((schema.GetOrAdd(name), Leaf(element)));
            }
        }
    }

    private void AddList(XElement list, string name, SourceSchema schema, List<(int, SourceValue)> cells, Dictionary<string, List<SourceRecord>> children, SourceLocator locator)
    {
        var items = list.Elements().ToList();
        var singles = items.Select(SingleValue).ToList();
        if (items.Count == 0 || singles.All(s => s is not null))
        {
            cells.Add((schema.GetOrAdd(name), new SourceValue(string.Join(",", singles.Where(s => s!.Length > 0)))));
            return;
        }

        if (!childSchemas.TryGetValue(name, out var childSchema))
        {
            childSchemas[name] = childSchema = new SourceSchema();
        }

        if (!children.TryGetValue(name, out var records))
        {
            children[name] = records = [];
        }

        records.AddRange(items.Select(item => Build(item, childSchema, locator)));
    }

    // A tag is either <tag>vip</tag> or <tag><name>vip</name></tag>; anything richer is an object.
    private static string? SingleValue(XElement item)
    {
        if (!item.HasElements)
        {
            return IsNil(item) ? "" : item.Value.Trim();
        }

        var inner = item.Elements().ToList();
        return inner.Count == 1 && !inner[0].HasElements ? inner[0].Value.Trim() : null;
    }

    private static bool IsList(XElement element) =>
        (string?)element.Attribute("type") == "array"
        || (element.HasElements && KnownLists.Contains(element.Name.LocalName))
        || (element.Elements().Skip(1).Any() && element.Elements().Select(e => e.Name).Distinct().Count() == 1);

    private static bool IsNil(XElement element) => (string?)element.Attribute("nil") == "true";

    private static SourceValue Leaf(XElement element)
    {
        var text = element.Value;
        object? typed = (string?)element.Attribute("type") switch
        {
            "integer" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            "boolean" => bool.TryParse(text, out var b) ? b : null,
            // Freshdesk writes the offset; a time without one stays a local time for the mapping's source zone to place.
            "datetime" when TimeText.HasOffset(text) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            "datetime" => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? DateTime.SpecifyKind(local, DateTimeKind.Unspecified) : null,
            "date" => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
            "decimal" or "float" => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null,
            _ => null,
        };
        return new SourceValue(text, typed);
    }
}
