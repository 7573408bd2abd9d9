namespace ImportPortal.Domain.Migration;

/// <summary>
/// A claimed record: what to send and how to recognise it on the site. <see cref="WasUnknown"/> says an earlier
/// send may have landed, so the loop looks it up before sending. Conversation records of one ticket share a
/// <see cref="GroupKey"/> and are sent in <see cref="Sequence"/> order.
/// </summary>
public sealed record WorkItem(
    long Id,
    RunStage Stage,
    Mapping.EntityKind Entity,
    string Doctype,
    string SourceKey,
    string? GroupKey,
    long Sequence,
    RecordPayload Payload,
    string? ExternalIdField,
    bool WasUnknown,
    int Attempts);
