using ImportPortal.Domain.Mapping;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// The stages of a run. Records keep their stage as a number, so a new stage is appended here; the order they run in
/// is <see cref="RunStages.All"/>.
/// </summary>
public enum RunStage
{
    Organisations,
    Contacts,
    Tickets,
    Conversations,
    Finalise,

    /// <summary>
    /// Helpdesk 1.28+: each organisation's member contacts into its HD Customer <c>contacts</c> table. Runs after the
    /// contacts and before the tickets, so Helpdesk fills a new ticket's customer from its contact's membership.
    /// </summary>
    Memberships,

    /// <summary>Agents' users, first of all: replies and private notes name them.</summary>
    Users,

    /// <summary>Agents' HD Agent profiles, once their users exist.</summary>
    Agents,

    /// <summary>
    /// Each ticket's assignee (a <see cref="FieldStage.Assign"/> field), last of all: <c>frappe.desk.form.assign_to.add</c>
    /// as the assignee's own assignment, which Frappe does not notify, and which it never makes twice.
    /// </summary>
    Assignments,

    /// <summary>The ticket types the tickets use that the site lacks, before the organisations and the tickets.</summary>
    TicketTypes,

    /// <summary>The teams the tickets belong to that the site lacks, once the agents who are their members exist.</summary>
    Teams,

    /// <summary>The files of the messages, last of all: each is fetched from its source and uploaded to its message.</summary>
    Attachments,
}

/// <summary>Which stage creates an entity.</summary>
public static class RunStages
{
    /// <summary>Every stage in the order a run sends them: each starts when the one before has nothing left to send.</summary>
    public static IReadOnlyList<RunStage> All { get; } =
        [RunStage.Users, RunStage.Agents, RunStage.Teams, RunStage.TicketTypes, RunStage.Organisations, RunStage.Contacts, RunStage.Memberships, RunStage.Tickets, RunStage.Conversations, RunStage.Finalise, RunStage.Assignments, RunStage.Attachments];

    public static RunStage Of(EntityKind entity) => entity switch
    {
        EntityKind.Organisation => RunStage.Organisations,
        EntityKind.Contact => RunStage.Contacts,
        EntityKind.Ticket => RunStage.Tickets,
        EntityKind.User => RunStage.Users,
        EntityKind.Agent => RunStage.Agents,
        EntityKind.TicketType => RunStage.TicketTypes,
        EntityKind.Team => RunStage.Teams,
        EntityKind.Attachment => RunStage.Attachments,
        _ => RunStage.Conversations,
    };

    /// <summary>
    /// The stages a profile's records can fall in, in run order: its entities' own, the memberships when its contacts
    /// join their organisations as HD Customer members, the finalise when it maps tickets, and the assignments when it
    /// maps their assignees.
    /// </summary>
    public static IReadOnlyList<RunStage> Of(MappingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var stages = profile.Entities.Select(e => Of(e.Entity)).ToHashSet();
        if (profile.ContactLinkStyle == ContactLinkStyle.CustomerMembers && profile.JoinsContactsToOrganisations)
        {
            stages.Add(RunStage.Memberships);
        }

        if (stages.Contains(RunStage.Tickets))
        {
            stages.Add(RunStage.Finalise);
            if (profile.Entities.Any(e => e.Entity == EntityKind.Ticket && e.Fields.Any(f => f.Stage == FieldStage.Assign)))
            {
                stages.Add(RunStage.Assignments);
            }
        }

        return All.Where(stages.Contains).ToList();
    }

    /// <summary>The stages whose records change documents earlier stages created, rather than create their own.</summary>
    public static IReadOnlyList<RunStage> ChangeOnly { get; } = [RunStage.Memberships, RunStage.Finalise, RunStage.Assignments, RunStage.Attachments];

    /// <summary>Whether a stage's records create documents (see <see cref="ChangeOnly"/>).</summary>
    public static bool Creates(RunStage stage) => !ChangeOnly.Contains(stage);
}
