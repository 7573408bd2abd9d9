using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImportPortal.Domain.Mapping;

/// <summary>
/// The stored form of a profile: camelCase JSON with enums as names and a <c>"version"</c> field, so the host can
/// store, export and import profiles and a later version can read (and upgrade) older ones.
/// </summary>
public static class MappingProfileJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(MappingProfile profile) => JsonSerializer.Serialize(profile, Options);

    /// <exception cref="JsonException">The text is not a profile, or was written by a newer version.</exception>
    public static MappingProfile Deserialize(string json)
    {
        var profile = JsonSerializer.Deserialize<MappingProfile>(json, Options) ?? throw new JsonException("The profile is empty.");
        if (profile.Version is < 1 or > MappingProfile.CurrentVersion)
        {
            throw new JsonException($"Profile version {profile.Version} is not supported (this portal reads version {MappingProfile.CurrentVersion}).");
        }

        return profile;
    }
}
