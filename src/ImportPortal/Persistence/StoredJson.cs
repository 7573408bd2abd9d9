using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImportPortal.Persistence;

/// <summary>The JSON the portal keeps in its database columns (reports, profiles, problems): one shape, read leniently.</summary>
public static class StoredJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The value, or null when there is none or it was written in a shape this portal no longer reads (the operator runs the step again).</summary>
    public static T? Read<T>(string? json)
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
            return null;
        }
    }
}
