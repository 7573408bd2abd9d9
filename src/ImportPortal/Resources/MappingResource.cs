namespace ImportPortal.Resources;

/// <summary>
/// Anchors MappingResource.resx (English) and MappingResource.vi.resx (Vietnamese): one text per problem code of the
/// mapping engine (<c>ImportPortal.Domain.Mapping.MappingProblemCodes</c>), formatted with the problem's Args ({0} is the field).
/// </summary>
public sealed class MappingResource;
