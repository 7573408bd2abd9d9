using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>Writes Frappe's envelopes: {"data":...}, {"message":...}, error bodies and HTML error pages.</summary>
static class FrappeResponses
{
    const string Traceback = "Traceback (most recent call last): ... (simulated by FrappeSimulator)";
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Data(HttpContext http, JsonNode? payload, IReadOnlyList<ServerMessage>? messages = null, int status = 200) =>
        Envelope(http, "data", payload, messages, status);

    public static Task Message(HttpContext http, JsonNode? payload) => Envelope(http, "message", payload, null, 200);

    /// <summary>A method returning None answers {}.</summary>
    public static Task Empty(HttpContext http) => Write(http, 200, "application/json", "{}"u8.ToArray());

    public static Task Error(HttpContext http, FrappeError error)
    {
        if (WantsHtml(http.Request))
        {
            return HtmlError(http, error);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (error.HasTraceback)
            {
                writer.WriteString("exception", error.Exception);
            }

            writer.WriteString("exc_type", error.ExcType);
            if (error.HasTraceback)
            {
                var traceback = error.Frames is null ? Traceback : $"Traceback (most recent call last):\n  ... (simulated by FrappeSimulator)\n{error.Frames}\n{error.Exception}\n";
                writer.WriteString("exc", PythonJson.Dumps(new JsonArray(traceback)));
            }

            if (error.Messages.Count > 0)
            {
                writer.WriteString("_server_messages", ServerMessages(error.Messages));
            }

            writer.WriteEndObject();
        }

        return Write(http, error.Status, "application/json", buffer.WrittenMemory);
    }

    /// <summary>A JSON string of a list of JSON strings, as Frappe double-encodes msgprints.</summary>
    public static string ServerMessages(IEnumerable<ServerMessage> messages) =>
        PythonJson.Dumps(new JsonArray(messages.Select(m => (JsonNode)PythonJson.Dumps(ToObject(m))).ToArray()));

    static JsonObject ToObject(ServerMessage message)
    {
        var obj = new JsonObject { ["message"] = message.Message, ["title"] = message.Title };
        if (message.Indicator is not null)
        {
            obj["indicator"] = message.Indicator;
        }

        if (message.RaiseException)
        {
            obj["raise_exception"] = 1;
            obj["__frappe_exc_id"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(28));
        }

        if (message.PrimaryAction is not null)
        {
            obj["primary_action"] = message.PrimaryAction.DeepClone();
        }

        return obj;
    }

    static Task Envelope(HttpContext http, string key, JsonNode? payload, IReadOnlyList<ServerMessage>? messages, int status)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(key);
            if (payload is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                payload.WriteTo(writer);
            }

            if (messages is { Count: > 0 })
            {
                writer.WriteString("_server_messages", ServerMessages(messages));
            }

            writer.WriteEndObject();
        }

        return Write(http, status, "application/json", buffer.WrittenMemory);
    }

    /// <summary>Errors become HTML when Accept starts with "text" and does not ask for JSON; a missing document gave a 500 page (probe-28).</summary>
    static bool WantsHtml(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.StartsWith("text", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && request.Headers.XRequestedWith.ToString() != "XMLHttpRequest";
    }

    static Task HtmlError(HttpContext http, FrappeError error)
    {
        var status = error.Status is 404 or 500 ? 500 : error.Status;
        var title = status == 500 ? "Internal Server Error" : error.ExcType;
        var page = $"<html>\n  <head>\n    <title>{title}</title>\n  </head>\n  <body>\n    <h1><p>{title}</p></h1>\n    \n  </body>\n</html>\n";
        return Write(http, status, "text/html", Encoding.UTF8.GetBytes(page));
    }

    static async Task Write(HttpContext http, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
