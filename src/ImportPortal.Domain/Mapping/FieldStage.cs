namespace ImportPortal.Domain.Mapping;

/// <summary>
/// Which request carries a field. Helpdesk ignores a new ticket's status and overwrites the SLA dates when the
/// status changes, so status goes in a first PUT after the insert and the original dates in a second one.
/// Stored as numbers: a new stage is appended.
/// </summary>
public enum FieldStage
{
    Insert,
    FinaliseStatus,
    FinaliseDates,

    /// <summary>
    /// A ticket's assignee (target <c>assign_to</c>, the value a user id: an agent's e-mail). After the finalise, the
    /// run assigns the ticket to that user with <c>frappe.desk.form.assign_to.add</c> (see <c>RunStage.Assignments</c>).
    /// </summary>
    Assign,

    /// <summary>
    /// A ticket's tags (target <c>tags</c>, the value the tags separated by commas, as every Freshdesk export gives them).
    /// The finalise adds them with <c>frappe.desk.doctype.tag.tag.add_tags</c> (see <see cref="TicketTags"/>).
    /// </summary>
    Tags,
}
