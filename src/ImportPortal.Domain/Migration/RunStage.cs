using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>The stages of a run, in the order they run: each starts when the one before has nothing left to send.</summary>
public enum RunStage
{
    Organisations,
    Contacts,
    Tickets,
    Conversations,
    Finalise,
}

/// <summary>Which stage creates an entity.</summary>
public static class RunStages
{
    public static IReadOnlyList<RunStage> All { get; } = Enum.GetValues<RunStage>();

    public static RunStage Of(EntityKind entity) => entity switch
    {
        EntityKind.Organisation => RunStage.Organisations,
        EntityKind.Contact => RunStage.Contacts,
        EntityKind.Ticket => RunStage.Tickets,
        _ => RunStage.Conversations,
    };
}
