using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>One record of a run as the in-memory store keeps it (what a database row would hold).</summary>
public sealed class PlannedRecord(long id, RunStage stage, MappedEntity entity, string? externalIdField, string? groupKey, long sequence)
{
    public long Id { get; } = id;

    public RunStage Stage { get; } = stage;

    public MappedEntity Entity { get; } = entity;

    public string? ExternalIdField { get; } = externalIdField;

    public string? GroupKey { get; } = groupKey;

    public long Sequence { get; } = sequence;

    public RecordState State { get; set; } = RecordState.Pending;

    public RecordResult Result { get; set; }

    public string? FrappeName { get; set; }

    public RecordError? Error { get; set; }

    public int Attempts { get; set; }

    public List<AttemptLog> Requests { get; } = [];

    public int Saves { get; set; }

    public WorkItem ToWorkItem() => new(
        Id, Stage, Entity.Entity, Entity.Doctype, Entity.SourceKey, GroupKey, Sequence,
        RecordPayload.From(Entity), ExternalIdField, State == RecordState.Unknown, Attempts);

    public override string ToString() => $"{Stage} {Entity.Entity} {Entity.SourceKey}: {State}/{Result} {FrappeName} {Error?.Kind} {Error?.Message}";
}
