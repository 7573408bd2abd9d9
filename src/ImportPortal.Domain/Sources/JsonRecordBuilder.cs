using System.Text.Json;

namespace ImportPortal.Domain.Sources;

/// <summary>
/// Turns a JSON object into a record: nested objects become dotted columns (<c>stats.resolved_at</c>), arrays of
/// objects (<c>conversations</c>) child records, arrays of values (<c>tags</c>, <c>cc_emails</c>) one comma-joined
/// value; numbers and booleans keep their type next to their text.
/// </summary>
internal sealed class JsonRecordBuilder
{
    private readonly Dictionary<string, SourceSchema> childSchemas = new(StringComparer.Ordinal);

    public SourceRecord Build(JsonElement element, SourceSchema schema, SourceLocator locator)
    {
        var cells = new List<(int Index, SourceValue Value)>();
        var children = new Dictionary<string, List<SourceRecord>>(StringComparer.Ordinal);
        Flatten(element, "", schema, cells, children, locator);
        return RecordAssembly.Build(locator, schema, cells, children);
    }

    private void Flatten(JsonElement element, string prefix, SourceSchema schema, List<(int, SourceValue)> cells, Dictionary<string, List<SourceRecord>> children, SourceLocator locator)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any())
            {
                Flatten(value, name + ".", schema, cells, children, locator);
            }
            else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Object))
            {
                if (!childSchemas.TryGetValue(name, out var childSchema))
                {
                    childSchemas[name] = childSchema = new SourceSchema();
                }

                if (!children.TryGetValue(name, out var list))
                {
                    children[name] = list = [];
                }

                list.AddRange(value.EnumerateArray().Select(item => Build(item, childSchema, locator)));
            }
            else
            {
                cells.Add((schema.GetOrAdd(name), Scalar(value)));
            }
        }
    }

    internal static SourceValue Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new SourceValue(value.GetString()),
        JsonValueKind.Number => new SourceValue(value.GetRawText(), Number(value)),
        JsonValueKind.True => new SourceValue("true", true),
        JsonValueKind.False => new SourceValue("false", false),
        JsonValueKind.Array => new SourceValue(string.Join(",", value.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => Scalar(v).Text))),
        JsonValueKind.Object => new SourceValue(""),
        _ => SourceValue.Null,
    };

    private static object Number(JsonElement value) =>
        value.TryGetInt64(out var l) ? l : value.TryGetDecimal(out var m) ? m : value.GetDouble();
}
