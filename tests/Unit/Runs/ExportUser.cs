namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A user of the generated account export: a customer becomes a Contact (linked to its company); an agent does not.</summary>
public sealed record ExportUser(long Id, string Name, string Email, long? CompanyId, bool Agent);
