namespace ImportPortal.Domain.Mapping;

/// <summary>A ticket's assignment as a profile maps it: a <see cref="FieldStage.Assign"/> field with this target, its value the user.</summary>
public static class RecordAssignment
{
    /// <summary>The target of a ticket's assignee: the user id <c>frappe.desk.form.assign_to.add</c> is given.</summary>
    public const string Field = "assign_to";
}
