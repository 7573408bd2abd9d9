namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Where an entity's records come from: every record of a logical table ("tickets", "contacts", "users"), or,
/// with <see cref="Child"/>, every child record of that table's records ("notes" of a ticket) whose parent is
/// the <see cref="Parent"/> entity mapped from the same table. A child of a child is named by its path
/// ("notes/attachments": the files of a ticket's notes), its parent the entity mapped from "notes".
/// </summary>
public sealed record EntitySource(string Table, string? Child = null, EntityKind? Parent = null)
{
    public const char PathSeparator = '/';

    /// <summary>The child records the parent entity is mapped from: none (the table's own records) for a child of the table.</summary>
    public string? ParentChild => ParentOf(Child);

    /// <summary>The records one level up from <paramref name="child"/>: "notes" for "notes/attachments", none for "notes".</summary>
    public static string? ParentOf(string? child) =>
        child?.LastIndexOf(PathSeparator) is > 0 and var at ? child[..at] : null;
}
