namespace ImportPortal.Domain.Mapping;

/// <summary>
/// What mapping a whole source found: records read, entities by kind, records with an error, every problem counted, and
/// the records the profile's row filters left out and the columns whose values no field sends (each null in a report
/// stored before they were counted).
/// </summary>
public sealed record ValidationReport(
    long Records,
    IReadOnlyDictionary<EntityKind, long> Entities,
    long EntitiesWithErrors,
    IReadOnlyList<ProblemTally> Problems,
    long LinkTargetsChecked,
    IReadOnlyList<LeftOutTally>? LeftOut = null,
    IReadOnlyList<UnsentColumnTally>? Unsent = null);
