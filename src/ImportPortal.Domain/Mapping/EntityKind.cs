namespace ImportPortal.Domain.Mapping;

/// <summary>The things an import creates, in the order the import loop creates them.</summary>
public enum EntityKind
{
    Organisation,
    Contact,
    Ticket,
    Reply,
    PrivateNote,
}
