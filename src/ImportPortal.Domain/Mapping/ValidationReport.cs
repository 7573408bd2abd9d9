namespace ImportPortal.Domain.Mapping;

/// <summary>What mapping a whole source found: records read, entities by kind, records with an error, and every problem counted.</summary>
public sealed record ValidationReport(
    long Records,
    IReadOnlyDictionary<EntityKind, long> Entities,
    long EntitiesWithErrors,
    IReadOnlyList<ProblemTally> Problems,
    long LinkTargetsChecked);
