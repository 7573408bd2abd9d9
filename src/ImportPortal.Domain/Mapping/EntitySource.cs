namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Where an entity's records come from: every record of a logical table ("tickets", "contacts", "users"), or,
/// with <see cref="Child"/>, every child record of that table's records ("notes" of a ticket) whose parent is
/// the <see cref="Parent"/> entity mapped from the same table.
/// </summary>
public sealed record EntitySource(string Table, string? Child = null, EntityKind? Parent = null);
