namespace ImportPortal.Mappings;

/// <summary>One row of the profiles list.</summary>
public sealed record MappingProfileSummary(Guid Id, string Name, string? Preset, int Entities, DateTimeOffset UpdatedAt, string UpdatedBy);
