using ImportPortal.Domain.Mapping;

namespace ImportPortal.Mappings;

/// <summary>The exact bodies each previewed row would send, with every problem on its field; and what is wrong with the profile itself.</summary>
public sealed record PreviewResult(IReadOnlyList<ProfileProblem> ProfileProblems, IReadOnlyList<PreviewRow> Rows, string? ProblemKey = null, string? ProblemArg = null);

/// <summary>One source row and the entities it yields.</summary>
public sealed record PreviewRow(string Table, long Row, IReadOnlyList<PreviewEntity> Entities);

/// <summary>One mapped entity with its link problems (checked on the site in one batch per doctype) added to the rest.</summary>
public sealed record PreviewEntity(MappedEntity Mapped, IReadOnlyList<FieldProblem> Problems);
