namespace ImportPortal.Resources;

/// <summary>
/// Anchors SourceResource.resx (English) and SourceResource.vi.resx (Vietnamese): one text per problem code of the
/// source readers (<c>ImportPortal.Domain.Sources.SourceProblemCodes</c>), formatted with the problem's Args.
/// </summary>
public sealed class SourceResource;
