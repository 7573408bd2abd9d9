using System.Text;
using System.Text.Json;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// How a record's sentences are stored: a JSON array of <c>{"key", "args"}</c>, each argument a string (a value) or
/// <c>{"quote"}</c>, <c>{"term", "en"}</c> or <c>{"text"}</c> (a sentence inside). Read leniently: what cannot be read
/// is no sentence, and the stored message is shown instead.
/// </summary>
public static class PortalTextJson
{
    public static string Write(IReadOnlyList<PortalText> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var text in texts)
            {
                Write(json, text);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// One sentence as stored, or null for none — and for one longer than a message is kept (Frappe's words inside it):
    /// the message then says it.
    /// </summary>
    public static string? WriteOne(PortalText? text) => text is null ? null : WriteStored([text]);

    /// <summary>Sentences as stored, or null for none and for more than a message is kept (<see cref="WriteOne"/>).</summary>
    public static string? WriteStored(IReadOnlyList<PortalText> texts) =>
        texts is not { Count: > 0 } ? null : Write(texts) is { Length: <= MaxStored } json ? json : null;

    /// <summary>The longest sentence kept, in characters of JSON.</summary>
    public const int MaxStored = 8000;

    public static IReadOnlyList<PortalText>? Read(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(stored);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().Select(ReadText).ToList()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter json, PortalText text)
    {
        json.WriteStartObject();
        json.WriteString("key", text.Key);
        json.WriteStartArray("args");
        foreach (var arg in text.Args)
        {
            switch (arg.Kind)
            {
                case PortalArgKind.Quote:
                    json.WriteStartObject();
                    json.WriteString("quote", arg.Text);
                    json.WriteEndObject();
                    break;
                case PortalArgKind.Term:
                    json.WriteStartObject();
                    json.WriteString("term", arg.Key);
                    json.WriteString("en", arg.Text);
                    json.WriteEndObject();
                    break;
                case PortalArgKind.Sentence:
                    json.WriteStartObject();
                    json.WritePropertyName("text");
                    Write(json, arg.Sentence!);
                    json.WriteEndObject();
                    break;
                default:
                    json.WriteStringValue(arg.Text);
                    break;
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static PortalText ReadText(JsonElement element) =>
        new(element.GetProperty("key").GetString() ?? throw new InvalidOperationException("a sentence without its key"),
            element.GetProperty("args").EnumerateArray().Select(ReadArg).ToList());

    private static PortalArg ReadArg(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return PortalArg.Value(element.GetString()!);
        }

        if (element.TryGetProperty("quote", out var quote))
        {
            return PortalArg.Quote(quote.GetString() ?? "");
        }

        if (element.TryGetProperty("term", out var term))
        {
            return PortalArg.Term(term.GetString() ?? "", element.GetProperty("en").GetString() ?? "");
        }

        return PortalArg.Of(ReadText(element.GetProperty("text")));
    }
}
