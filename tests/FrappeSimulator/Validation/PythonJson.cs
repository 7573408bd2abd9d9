using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FrappeSimulator.Validation;

/// <summary>JSON text as Python's json.dumps writes it (", " and ": " separators, non-ASCII escaped).</summary>
static class PythonJson
{
    public static string Dumps(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                text.AppendJoin(", ", obj.Select(p => Quote(p.Key) + ": " + Dumps(p.Value)));
                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                text.AppendJoin(", ", array.Select(Dumps));
                text.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                text.Append(Quote(value.GetValue<string>()));
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or > '~' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
