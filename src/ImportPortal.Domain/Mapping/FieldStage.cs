namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Which request carries a field. Helpdesk ignores a new ticket's status and overwrites the SLA dates when the
/// status changes, so status goes in a first PUT after the insert and the original dates in a second one.
/// </summary>
public enum FieldStage
{
    Insert,
    FinaliseStatus,
    FinaliseDates,
}
