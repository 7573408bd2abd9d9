using System.Text.Json;
using System.Text.Json.Nodes;
using FrappeSimulator.Store;
using FrappeSimulator.Validation;

namespace FrappeSimulator.Api;

/// <summary>Frappe's form_dict: a JSON body replaces the query string; otherwise query and form fields merge.</summary>
static class RequestArgs
{
    public static async Task<JsonObject> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var args = new JsonObject();
        foreach (var (key, value) in request.Query)
        {
            args[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                args[key] = value.ToString();
            }

            return args;
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return args;
        }

        return JsonNode.Parse(text) switch
        {
            JsonObject body => body,
            JsonArray array => new JsonObject { ["data"] = array },
            _ => args,
        };
    }

    /// <summary>A JSON argument that may arrive as real JSON or as a JSON string (query strings, form fields).</summary>
    public static JsonNode? Json(JsonObject args, string key)
    {
        var node = args[key];
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().TrimStart() is ['[' or '{', ..] text)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return node;
            }
        }

        return node;
    }

    public static string? Text(JsonObject args, string key) => JsonDocs.Text(args[key]);

    /// <summary>A list argument (a JSON list, a JSON string of one, or a single value), as Frappe's parse_json takes it; 417 when missing.</summary>
    public static List<string> Texts(JsonObject args, string key) => Json(args, key) switch
    {
        JsonArray list => [.. list.Select(JsonDocs.Text).OfType<string>()],
        var one when JsonDocs.Text(one) is { Length: > 0 } single => [single],
        _ => throw FrappeErrors.Fail("ValidationError", $"{key} is required"),
    };

    /// <summary>The document of a resource POST/PUT: the body, or its "data" member (object or JSON string).</summary>
    public static JsonObject Document(JsonObject args)
    {
        var doc = Json(args, "data") as JsonObject ?? args;
        doc.Remove("doctype");
        return doc;
    }
}
