namespace ImportPortal.Domain.Sources;

/// <summary>
/// One cell: the text as read and, where the format carries a type, the typed value
/// (XLSX dates as <see cref="DateTime"/>, XML <c>type="integer|boolean|datetime"</c>, JSON numbers and booleans).
/// Both null means the source said null (XML <c>nil="true"</c>, JSON <c>null</c>) or the column is missing in this row.
/// </summary>
public readonly record struct SourceValue(string? Text, object? Typed = null)
{
    public static SourceValue Null => default;

    public bool IsNull => Text is null && Typed is null;

    /// <summary>Empty or whitespace text and no typed value.</summary>
    public bool IsEmpty => Typed is null && string.IsNullOrWhiteSpace(Text);

    public override string ToString() => Text ?? "";
}
