namespace ImportPortal.Domain.Migration;

/// <summary>A record's failure as the error list shows it: kind, HTTP status, Frappe's exception type and message.</summary>
public sealed record RecordError(RecordErrorKind Kind, string Message, int? HttpStatus = null, string? ExcType = null);
