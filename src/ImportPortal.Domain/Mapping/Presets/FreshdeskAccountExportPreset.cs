using static ImportPortal.Domain.Mapping.Presets.PresetFields;

namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>
/// Freshdesk's account export (ZIP of XML): tables "companies", "users" and "tickets", each ticket with its
/// "notes". Tickets and notes name people by user id, so the lookups "users.email" and "companies.name" are
/// built from the users and companies tables first.
/// <para>
/// Agents (<c>helpdesk-agent</c> true) become Users (no welcome e-mail) with an HD Agent each, and contacts like
/// everyone else: Frappe gives every user a contact anyway (the run finds it by e-mail), and a ticket an agent raised
/// links to it. An agent's reply names its user in <c>user</c> and a private note in <c>commented_by</c>, so Helpdesk
/// shows who wrote them; a ticket's agent (<c>responder-id</c>) is its assignee; a message by someone who is no longer an
/// agent names nobody, and a ticket of one has no assignee (Helpdesk shows the importing
/// account).
/// </para>
/// <para>
/// Private notes become HD Ticket Comments; other notes Communications, Received when incoming. Every message carries
/// its writer's name as the source writes it: left to Frappe, a contact's is its first and last name run together
/// ("NguyễnVăn Anh").
/// </para>
/// <para>
/// A ticket's type (<c>ticket-type</c>) is an HD Ticket Type made before the tickets where the site lacks it: a fresh
/// Helpdesk has Unspecified, Question, Bug and Incident, Freshdesk has Problem, Feature Request and the team's own.
/// </para>
/// <para>
/// A ticket's group (<c>group-id</c>, named in <c>Groups.xml</c>) is its team (<c>agent_group</c>), made where the site
/// lacks it with the agents who answered its tickets as members. A group the export does not name gives no team.
/// </para>
/// <para>
/// The files of a ticket (<c>attachments</c>) go with its first message, those of a note with the note: each fetched
/// from its link in the export and uploaded, once the messages are in.
/// </para>
/// </summary>
public static class FreshdeskAccountExportPreset
{
    public const string Name = "freshdesk-account-export";

    public static MappingProfile Create(string organisationDoctype = "HD Customer", string siteTimeZone = "UTC") =>
        new("Freshdesk account export", Entities, Name, organisationDoctype, SourceTimeZone: "UTC", SiteTimeZone: siteTimeZone, Lookups: Lookups);

    /// <summary>
    /// Who a contact is: the e-mail, or for a customer who called or wrote without one (a hotline, Facebook, Zalo), the
    /// phone, then the mobile number, and for one Freshdesk knows by none of them (a Facebook or Twitter account only),
    /// their Freshdesk user id. Such a customer's tickets link to their contact and go without <c>raised_by</c>.
    /// </summary>
    private const string Customer = "email|phone|mobile|id";

    /// <summary>
    /// Until 2026-12-02 a contact was its e-mail only, and a ticket named its contact through the users' e-mails; then its
    /// e-mail or number, and a customer with neither (a Facebook or Twitter account) had no key and no contact.
    /// </summary>
    internal static IReadOnlyList<SupersededField> Superseded =>
        EarlierCustomerForms("users", "requester-id", "users", FirstOf("(key)", Customer, Trim, Lower), TicketFields.Single(f => f.Target == "contact"));

    private static LookupSpec[] Lookups =>
    [
        new("users.email", "users", "id", "email"),
        new("users.contact-key", "users", "id", Customer),
        new("users.name", "users", "id", "name"),
        new("companies.name", "companies", "id", "name"),
        new("agents.email", "users", "id", "email", Agents),
        new("groups.name", "groups", "id", "name"),
    ];

    /// <summary>
    /// The team as it is: Freshdesk turns a deleted agent into a contact (<c>helpdesk-agent</c> false), and a user it
    /// marked deleted while still an agent gets no login and no agent either — only the contact everyone gets.
    /// </summary>
    private static RowFilter Agents => new("helpdesk-agent", HelpdeskValues.True, And: NotDeleted());

    /// <summary>
    /// The export holds every ticket, those an agent marked spam or deleted (in Freshdesk's trash) too, and every note,
    /// deleted ones too: none of them belongs on the new helpdesk. A left-out ticket takes its notes with it.
    /// </summary>
    private static RowFilter NotDeleted(RowFilter? and = null) => new("deleted", HelpdeskValues.True, Negate: true, And: and);

    private static RowFilter Live => new("spam", HelpdeskValues.True, Negate: true, And: NotDeleted());

    private static EntityMapping[] Entities =>
    [
        new(EntityKind.User, new EntitySource("users"), Column("(key)", "email", Trim, Lower),
            [Column("email", "email", Email, Lower), FirstOf("first_name", "name|email", Trim, FirstName), Column("last_name", "name", Trim, LastName), Constant("send_welcome_email", "0", Number)],
            Filter: Agents),
        new(EntityKind.Agent, new EntitySource("users"), Column("(key)", "email", Trim, Lower),
            [Reference("user", EntityKind.User, "email", Trim, Lower), Column("agent_name", "name", Trim)],
            Filter: Agents),
        new(EntityKind.Organisation, new EntitySource("companies"), Column("(key)", "name", Trim), [Column("customer_name", "name", Trim), Column("domain", "domains", Trim)]),
        new(EntityKind.Contact, new EntitySource("users"), FirstOf("(key)", Customer, Trim, Lower),
            [.. ContactFields("name", Column("", "email", Email, Lower), "phone", "mobile"), Column("designation", "job-title", Trim), Reference("links.0.link_name", EntityKind.Organisation, "customer-id", Lookup("companies.name"))],
            ExternalIdField: "custom_source_id"),
        new(EntityKind.TicketType, new EntitySource("tickets"), Column("(key)", "ticket-type", Trim), [Column("name", "ticket-type", Trim)], Filter: new RowFilter("ticket-type", And: Live)),
        Team("tickets", Column("", "group-id", LookupOrEmpty("groups.name"), Trim), Column("", "responder-id", LookupOrEmpty("agents.email"), Trim, Lower), new RowFilter("group-id", And: Live)),
        new(EntityKind.Ticket, new EntitySource("tickets"), Column("(key)", "display-id", Trim), TicketFields, ExternalIdField: "custom_source_id", Filter: Live),
        new(EntityKind.Reply, new EntitySource("tickets"), Template("(key)", "{display-id}:description"), FirstMessage, ExternalIdField: "custom_source_id",
            Filter: new RowFilter("description", And: Live)),
        new(EntityKind.Reply, new EntitySource("tickets", "notes", EntityKind.Ticket), Column("(key)", "id", Trim), NoteAsReply, ExternalIdField: "custom_source_id",
            Filter: new RowFilter("private", HelpdeskValues.True, Negate: true, And: NotDeleted())),
        new(EntityKind.PrivateNote, new EntitySource("tickets", "notes", EntityKind.Ticket), Column("(key)", "id", Trim),
            [ParentReference("reference_ticket"), FirstOf("content", "body-html|body"), Reference("commented_by", EntityKind.User, "user-id", LookupOrEmpty("agents.email"), Trim, Lower)],
            ExternalIdField: "custom_source_id", Filter: new RowFilter("private", HelpdeskValues.True, And: NotDeleted())),
        Attachment("tickets", "attachments", EntityKind.Reply, "Communication"),
        Attachment("tickets", "notes/attachments", EntityKind.Reply, "Communication"),
        Attachment("tickets", "notes/attachments", EntityKind.PrivateNote, "HD Ticket Comment"),
    ];

    private static FieldMapping[] TicketFields =>
    [
        Column("subject", "subject", Trim, Default("(no subject)")),
        Column("raised_by", "requester-id", Lookup("users.email"), Email, Lower),
        Reference("contact", EntityKind.Contact, "requester-id", Lookup("users.contact-key"), Trim, Lower),
        Column("priority", "priority-name", Map(HelpdeskValues.Priorities, "Medium")),
        Reference("ticket_type", EntityKind.TicketType, "ticket-type", Trim),
        Column("opening_date", "created-at", Date),
        Column("opening_time", "created-at", Time),
        Column("service_level_agreement_creation", "created-at", Stamp),
        Finalise(FieldStage.FinaliseStatus, "status", "status-name", Map(HelpdeskValues.Statuses, "Open")),
        TeamReference("group-id", LookupOrEmpty("groups.name"), Trim),
        Finalise(FieldStage.FinaliseDates, "first_responded_on", "ticket-states.first-responded-at", Stamp),
        Finalise(FieldStage.Assign, RecordAssignment.Field, "responder-id", LookupOrEmpty("agents.email"), Trim, Lower),
        Finalise(FieldStage.Tags, TicketTags.Field, "tags", Trim),
        new("resolution_date", FieldOrigin.FirstNonEmpty, "ticket-states.resolved-at|ticket-states.closed-at", [Stamp], FieldStage.FinaliseDates),
    ];

    private static FieldMapping[] FirstMessage =>
    [
        Constant("communication_type", "Communication"),
        Constant("communication_medium", "Email"),
        Constant("sent_or_received", "Received"),
        Column("sender", "requester-id", Lookup("users.email"), Email, Lower),
        Column("sender_full_name", "requester-id", LookupOrEmpty("users.name"), Trim),
        Column("subject", "subject", Trim, Default("(no subject)")),
        FirstOf("content", "description-html|description"),
        Constant("reference_doctype", "HD Ticket"),
        Reference("reference_name", EntityKind.Ticket, "display-id", Trim),
        Column("communication_date", "created-at", Stamp),
    ];

    private static FieldMapping[] NoteAsReply =>
    [
        Constant("communication_type", "Communication"),
        Constant("communication_medium", "Email"),
        Column("sent_or_received", "incoming", Map(HelpdeskValues.Direction, "Sent")),
        Column("sender", "user-id", Lookup("users.email"), Email, Lower),
        Column("sender_full_name", "user-id", LookupOrEmpty("users.name"), Trim),
        Reference("user", EntityKind.User, "user-id", LookupOrEmpty("agents.email"), Trim, Lower),
        FirstOf("content", "body-html|body"),
        Constant("reference_doctype", "HD Ticket"),
        ParentReference("reference_name"),
        Column("communication_date", "created-at", Stamp),
    ];
}
