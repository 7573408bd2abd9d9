namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Records of a table (or of a child table, such as a ticket's notes) that no entity of the profile took across a whole
/// source — spam and deleted tickets, deleted notes —, with a few example rows (the row of the record they belong to),
/// and the row filters of the entities that read them, which say why.
/// </summary>
public sealed record LeftOutTally(string Table, string? Child, long Count, IReadOnlyList<long> Rows, IReadOnlyList<EntityFilter> Filters);

/// <summary>An entity and the row filter it reads its records with (null: it takes every record).</summary>
public sealed record EntityFilter(EntityKind Entity, RowFilter? Filter);
