using System.Text.Json;
using System.Text.Json.Nodes;
using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class ProfileJsonTests
{
    public static TheoryData<string> Presets => [.. MappingPresets.Names];

    [Theory]
    [MemberData(nameof(Presets))]
    public void Every_preset_survives_a_round_trip_unchanged(string name)
    {
        var profile = MappingPresets.Create(name)!;

        var json = MappingProfileJson.Serialize(profile);
        var again = MappingProfileJson.Serialize(MappingProfileJson.Deserialize(json));

        Assert.Equal(json, again);
    }

    [Fact]
    public void The_stored_form_is_versioned_readable_json()
    {
        var json = MappingProfileJson.Serialize(FreshdeskTicketExportPreset.Create());
        var node = JsonNode.Parse(json)!;

        Assert.Equal(1, node["version"]!.GetValue<int>());
        Assert.Equal("freshdesk-ticket-export", node["preset"]!.GetValue<string>());
        Assert.Equal("Vietnamese", node["nameOrder"]!.GetValue<string>());
        Assert.Contains("\"Đang chờ\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"ValueMap\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cloned_and_renamed_profile_keeps_its_mappings()
    {
        var clone = MappingProfileJson.Deserialize(MappingProfileJson.Serialize(SeedGuidePreset.Create())) with { Name = "Seed guide (copy)" };

        var compiled = ProfileCompiler.Compile(clone, MappingSites.Helpdesk122);

        Assert.Equal("Seed guide (copy)", compiled.Profile.Name);
        Assert.Equal("Customer", clone.OrganisationDoctype);
        Assert.Equal(SeedGuidePreset.Create().Entities.Count, clone.Entities.Count);
    }

    [Fact]
    public void A_profile_from_a_newer_version_is_refused()
    {
        var json = MappingProfileJson.Serialize(FreshdeskApiJsonPreset.Create()).Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => MappingProfileJson.Deserialize(json));
    }
}
