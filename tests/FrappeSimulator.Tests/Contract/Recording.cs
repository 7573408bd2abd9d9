using System.Text.Json.Nodes;

namespace FrappeSimulator.Tests.Contract;

/// <summary>One recorded exchange with the real Frappe: request, status, content type, response.</summary>
public sealed record Recording(string Version, string File, string Method, string Path, JsonObject? Params, JsonNode? Body, int Status, string? ContentType, JsonNode? Response)
{
    public static Recording Load(string version, string path)
    {
        var root = JsonNode.Parse(System.IO.File.ReadAllText(path))!.AsObject();
        var request = root["request"]!.AsObject();
        return new Recording(
            version,
            System.IO.Path.GetFileName(path),
            request["method"]!.GetValue<string>(),
            request["path"]!.GetValue<string>(),
            request["params"] as JsonObject,
            request["body"],
            root["status"]!.GetValue<int>(),
            root["response_headers"]?["Content-Type"]?.GetValue<string>(),
            root["response"]);
    }

    public override string ToString() => $"{Version}/{File}";
}
