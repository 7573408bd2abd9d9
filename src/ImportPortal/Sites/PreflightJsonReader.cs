using System.Text.Json;
using System.Text.Json.Serialization;
using ImportPortal.Domain.Preflight;

namespace ImportPortal.Sites;

/// <summary>Stores a preflight report with its site as JSON, and reads it back.</summary>
public static class PreflightJsonReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(PreflightReport report) => JsonSerializer.Serialize(report, Options);

    public static PreflightReport? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PreflightReport>(json, Options);
        }
        catch (JsonException)
        {
            // A report stored by an older portal that no longer reads: the operator simply runs the check again.
            return null;
        }
    }

    public static string? Worst(string? json) => Read(json)?.Worst.ToString();
}
