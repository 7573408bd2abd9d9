using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImportPortal.Frappe;

/// <summary>
/// The answer to an insert, read for the one thing the import keeps: the new document's name (<c>data.name</c>), as
/// text: a string, or a number for doctypes named by autoincrement (HD Ticket). The rest of the document Frappe sends
/// back is skipped token by token, once per record, without a tree or a lookup of each of its field names.
/// </summary>
[JsonConverter(typeof(FrappeInsertedConverter))]
public sealed record FrappeInserted(string? Name);

internal sealed class FrappeInsertedConverter : JsonConverter<FrappeInserted>
{
    public override FrappeInserted Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new FrappeInserted(null);
        }

        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isData = reader.ValueTextEquals("data"u8);
            reader.Read();
            if (isData && reader.TokenType == JsonTokenType.StartObject)
            {
                name = NameIn(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new FrappeInserted(name);
    }

    private static string? NameIn(ref Utf8JsonReader reader)
    {
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            reader.Read();
            if (isName)
            {
                name = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
            }
            else
            {
                reader.Skip();
            }
        }

        return name;
    }

    public override void Write(Utf8JsonWriter writer, FrappeInserted value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteStartObject("data");
        writer.WriteString("name", value.Name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
