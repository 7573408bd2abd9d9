namespace ImportPortal.Domain.Sources;

/// <summary>The type a column's values look like, to suggest transforms when mapping.</summary>
public enum ColumnType
{
    Empty,
    Text,
    WholeNumber,
    Number,
    Boolean,
    DateTime,
    Email,
    Phone,
    Html,
}
