namespace ImportPortal.Domain.Mapping;

/// <summary>The things an import creates; <see cref="Migration.RunStages.All"/> is the order the import loop creates them in. Stored as numbers: a new kind is appended.</summary>
public enum EntityKind
{
    Organisation,
    Contact,
    Ticket,
    Reply,
    PrivateNote,

    /// <summary>
    /// An agent's login (<c>User</c>, named by its e-mail): what replies name in <c>user</c> and private notes in
    /// <c>commented_by</c>. Created before everything else, never with a welcome e-mail.
    /// </summary>
    User,

    /// <summary>An agent's Helpdesk profile (<c>HD Agent</c>, named by its user), made after the user.</summary>
    Agent,

    /// <summary>
    /// A ticket type (<c>HD Ticket Type</c>, named by the type itself) that the tickets use: one per distinct value, made
    /// before the tickets when the site lacks it (a fresh Helpdesk has Unspecified, Question, Bug and Incident only), and
    /// adopted, never changed, when it has it.
    /// </summary>
    TicketType,

    /// <summary>
    /// A team (<c>HD Team</c>, named by its <c>team_name</c>) that the tickets belong to: one per distinct value, its
    /// members (<c>users</c>) gathered from every row that names it (see <see cref="TeamMembers"/>). Made where the site
    /// lacks it, adopted and never changed where it has it; a ticket joins it in its status PUT (<c>agent_group</c>).
    /// </summary>
    Team,

    /// <summary>
    /// A file attached to a message (<c>File</c>, by <c>upload_file</c>): fetched from where the export says it is (a
    /// Freshdesk attachment link) and uploaded to the site, attached to the reply or note it came with. Made once its
    /// message exists, after the ticket's other requests: a ticket is complete on the site before its files come.
    /// </summary>
    Attachment,
}
