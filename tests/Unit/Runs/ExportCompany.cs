namespace ImportPortal.Tests.Unit.Runs;

/// <summary>A company of the generated account export: it becomes an HD Customer named <see cref="Name"/>.</summary>
public sealed record ExportCompany(long Id, string Name);
