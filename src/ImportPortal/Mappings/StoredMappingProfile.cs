namespace ImportPortal.Mappings;

/// <summary>A saved mapping profile: its name and its definition as the profile JSON (the same text an export gives).</summary>
public sealed class StoredMappingProfile
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The preset it started from, if any.</summary>
    public string? Preset { get; set; }

    public required string DefinitionJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
