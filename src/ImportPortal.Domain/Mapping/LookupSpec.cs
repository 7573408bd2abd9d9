namespace ImportPortal.Domain.Mapping;

/// <summary>
/// A lookup table the host builds before mapping: from <see cref="Table"/>, <see cref="KeyColumn"/> to
/// <see cref="ValueColumn"/> (users: id to email; <c>email|phone|mobile</c>: the first of them the row has), of the rows <see cref="Filter"/> admits (agents only) when it is set.
/// With <see cref="Value"/>, every key found maps to that value instead, which says the key is there (a ticket file's
/// requesters: "Received", so that a message whose sender is one was received).
/// </summary>
public sealed record LookupSpec(string Name, string Table, string KeyColumn, string ValueColumn, RowFilter? Filter = null, string? Value = null);
