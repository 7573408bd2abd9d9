using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Runs;

/// <summary>One entity of one source key in one run: what to send, where it came from, and what became of it.</summary>
public sealed class ImportRecord
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public RunStage Stage { get; set; }

    public EntityKind Entity { get; set; }

    public required string Doctype { get; set; }

    public required string SourceKey { get; set; }

    /// <summary>The ticket a message belongs to: messages of one ticket are sent in <see cref="Sequence"/> order.</summary>
    public string? GroupKey { get; set; }

    public long Sequence { get; set; }

    /// <summary>The profile table and the source row the record was mapped from.</summary>
    public required string Table { get; set; }

    public long Row { get; set; }

    /// <summary>The planned <see cref="RecordPayload"/> as JSON.</summary>
    public required string PayloadJson { get; set; }

    /// <summary>The insert body the operator edited, used instead of the planned one.</summary>
    public string? OverrideJson { get; set; }

    public string? ExternalIdField { get; set; }

    public RecordState State { get; set; }

    public RecordResult Result { get; set; }

    public int Attempts { get; set; }

    public string? FrappeName { get; set; }

    public RecordErrorKind? ErrorKind { get; set; }

    public int? ErrorStatus { get; set; }

    public string? ErrorExcType { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>
    /// The portal's own sentences behind <see cref="ErrorMessage"/> (<see cref="PortalTextJson"/>), shown in the reader's
    /// language; null when the message is the site's, and for records failed before sentences were kept.
    /// </summary>
    public string? ErrorText { get; set; }

    /// <summary>The body last sent, references resolved: mostly as its differences from the insert (see <see cref="SentBodyJson"/>).</summary>
    public string? SentJson { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>What taking the run back off its site did with the document this record created; null while it was not asked or not reached.</summary>
    public RemovalOutcome? Removal { get; set; }

    public RemovalReason? RemovalReason { get; set; }

    /// <summary>Who changed it and when, how many messages it has, or the site's answer.</summary>
    public string? RemovalNote { get; set; }

    /// <summary>When a check of the site found the document this record wrote gone from it; null when it was there or not looked for.</summary>
    public DateTimeOffset? MissingSince { get; set; }

    /// <summary>
    /// What the check found is a message still on the site but no longer on its ticket: the ticket was deleted, and
    /// Frappe let go of its messages rather than delete them. Created again, the copy left behind is deleted first.
    /// </summary>
    public bool Detached { get; set; }
}
