using System.Text.Json.Nodes;

namespace FrappeSimulator.Tests.Support;

/// <summary>A response: status, parsed body, and Frappe's error parts decoded.</summary>
public sealed record Answer(int Status, JsonObject Body, HttpResponseMessage Response)
{
    public JsonNode? Data => Body["data"];

    public JsonObject Doc => Body["data"]!.AsObject();

    public JsonNode? Message => Body["message"];

    public string? ExcType => Body["exc_type"]?.GetValue<string>();

    public string? Name => Doc["name"]?.ToString();

    /// <summary>_server_messages decoded twice: the message texts.</summary>
    public IReadOnlyList<string> Messages =>
        Body["_server_messages"] is JsonValue v
            ? JsonNode.Parse(v.GetValue<string>())!.AsArray().Select(e => JsonNode.Parse(e!.GetValue<string>())!["message"]!.GetValue<string>()).ToList()
            : [];

    public static async Task<Answer> From(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : new JsonObject { ["raw"] = text };
        return new Answer((int)response.StatusCode, body, response);
    }

    public override string ToString() => $"{Status} {Body.ToJsonString()}";
}
