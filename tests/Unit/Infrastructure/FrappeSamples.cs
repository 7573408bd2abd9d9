using System.Text.Json.Nodes;

namespace ImportPortal.Tests.Unit.Infrastructure;

/// <summary>The exchanges recorded from a real Frappe server, in ../shared/frappe-samples beside the repository.</summary>
internal static class FrappeSamples
{
    public static string Folder { get; } = Find();

    public static (int Status, string ContentType, string Body) Response(string version, string file)
    {
        var exchange = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "helpdesk-" + version, file)))!.AsObject();
        var status = exchange["status"]!.GetValue<int>();
        var contentType = exchange["response_headers"]?["Content-Type"]?.GetValue<string>() ?? "application/json";
        var response = exchange["response"];
        var body = response is JsonValue v && v.TryGetValue<string>(out var text) ? text : response?.ToJsonString() ?? "";
        return (status, contentType, body);
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(RepositoryRoot.Path); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "frappe-samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/frappe-samples was not found beside the repository; the contract tests need the recordings.");
    }
}
