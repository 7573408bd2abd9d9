namespace ImportPortal.Domain.Sources;

/// <summary>The kind recognised, how well its signature matched (0..1), and the headers no rule knew.</summary>
public sealed record SourceRecognition(SourceKind Kind, double Score, IReadOnlyList<string> UnrecognisedHeaders);
