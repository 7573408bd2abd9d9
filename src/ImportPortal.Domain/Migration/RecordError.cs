namespace ImportPortal.Domain.Migration;

/// <summary>A record's failure as the error list shows it: kind, HTTP status, Frappe's exception type and message.</summary>
public sealed record RecordError(RecordErrorKind Kind, string Message, int? HttpStatus = null, string? ExcType = null)
{
    /// <summary>What a record the operator skipped is to the records that refer to it.</summary>
    public static RecordError Skipped { get; } = new(RecordErrorKind.Dependency, "skipped");

    /// <summary>What a record not sent yet is to the records that refer to it.</summary>
    public static RecordError NotYet { get; } = new(RecordErrorKind.Dependency, "not imported yet");
}
