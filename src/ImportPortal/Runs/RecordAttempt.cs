namespace ImportPortal.Runs;

/// <summary>One request made for a record, kept for the record's detail.</summary>
public sealed class RecordAttempt
{
    public long Id { get; set; }

    public long RecordId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Request { get; set; }

    public int DurationMs { get; set; }

    public required string Outcome { get; set; }

    public int? HttpStatus { get; set; }

    public string? ExcType { get; set; }

    public string? Message { get; set; }
}
