namespace ImportPortal.Domain.Sources;

/// <summary>What the operator chose by hand; each set value wins over detection.</summary>
public sealed record SniffOverrides(string? EncodingName = null, char? Delimiter = null, SourceFileKind? Kind = null);
