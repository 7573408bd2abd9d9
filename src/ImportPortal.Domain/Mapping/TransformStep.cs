namespace ImportPortal.Domain.Mapping;

/// <summary>A transform and its arguments: <c>Arg</c> (a zone, a length, a default, a name order, a lookup), <c>Map</c> and <c>Fallback</c> for value maps; <c>Fallback</c> for a lookup too.</summary>
public sealed record TransformStep(
    TransformKind Kind,
    string? Arg = null,
    IReadOnlyDictionary<string, string>? Map = null,
    string? Fallback = null);
