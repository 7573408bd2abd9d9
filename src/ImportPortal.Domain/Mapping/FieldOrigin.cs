namespace ImportPortal.Domain.Mapping;

/// <summary>Where a field's value comes from.</summary>
public enum FieldOrigin
{
    /// <summary>One source column, by name.</summary>
    Column,

    /// <summary>Text with <c>{Column}</c> placeholders (<c>{{</c> and <c>}}</c> for literal braces).</summary>
    Template,

    /// <summary>The value as written.</summary>
    Constant,

    /// <summary>The first non-empty of several columns, separated by <c>|</c> (<c>body-html|body</c>).</summary>
    FirstNonEmpty,

    /// <summary>The source key of the parent record (a note's ticket); only for child sources.</summary>
    ParentKey,
}
