using System.Text.Json;
using System.Text.Json.Serialization;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Uploads;

/// <summary>Reads and writes the JSON an upload keeps: its analysis and its problems.</summary>
public static class UploadJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static UploadAnalysis? ReadAnalysis(string? json) => Read<UploadAnalysis>(json);

    public static IReadOnlyList<SourceProblem> ReadProblems(string? json) => Read<List<SourceProblem>>(json) ?? [];

    private static T? Read<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            // Written by an older portal: "Read again" rebuilds it.
            return null;
        }
    }
}
