namespace ImportPortal.Domain.Mapping;

/// <summary>A problem of the profile itself against the site (a required field nobody fills), found once at compile time.</summary>
public sealed record ProfileProblem(EntityKind Entity, FieldProblem Problem);
