using static ImportPortal.Domain.Mapping.Presets.PresetFields;

namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>
/// A dump of Freshdesk's API v2 (JSON): lists "companies", "contacts", optionally "agents", and "tickets", each
/// ticket with its "conversations". Status and priority are codes; times are ISO-8601 in UTC. Requesters and
/// authors are ids, resolved through the lookups "people.email" (contacts and agents), "agents.email" and
/// "companies.name". The agents (when the dump has them) become Users, never with a welcome e-mail, HD Agents and
/// contacts (Frappe makes one with every user; a ticket an agent raised links to it); their replies name them in
/// <c>user</c> and their private notes in <c>commented_by</c>; a message whose author is no agent of the dump names
/// nobody. Every message carries its writer's name as written (left to Frappe, a contact's is its first and last
/// name run together). A ticket's <c>type</c> is made before the tickets where the site lacks it. With the dump's
/// "groups" list, a ticket's <c>group_id</c> is its team, made where the site lacks it with the agents who answered its
/// tickets as members; without it, tickets get no team.
/// </summary>
public static class FreshdeskApiJsonPreset
{
    public const string Name = "freshdesk-api-json";

    public static MappingProfile Create(string organisationDoctype = "HD Customer", string siteTimeZone = "UTC") =>
        new("Freshdesk API JSON", Entities, Name, organisationDoctype, SourceTimeZone: "UTC", SiteTimeZone: siteTimeZone, Lookups: Lookups);

    /// <summary>
    /// Who a contact is: the e-mail, or for a customer who called or wrote without one (a hotline, Facebook, Zalo), the
    /// phone, then the mobile number, and for one Freshdesk knows by none of them (a Facebook or Twitter account only),
    /// their Freshdesk contact id. Such a customer's tickets link to their contact and go without <c>raised_by</c>.
    /// </summary>
    private const string Customer = "email|phone|mobile|id";

    /// <summary>
    /// Until 2026-12-02 a contact was its e-mail only, and a ticket named its contact through the people's e-mails; then its
    /// e-mail or number, and a customer with neither (a Facebook or Twitter account) had no key and no contact.
    /// </summary>
    internal static IReadOnlyList<SupersededField> Superseded =>
        EarlierCustomerForms("contacts", "requester_id", "people", FirstOf("(key)", Customer, Trim, Lower), TicketFields.Single(f => f.Target == "contact"));

    // Freshdesk gives agents and contacts ids from one sequence: "people" reads both lists, so a ticket an agent raised
    // finds its requester too.
    private static LookupSpec[] Lookups =>
    [
        new("people.email", "contacts", "id", "email"),
        new("people.email", "agents", "id", "contact.email"),
        new("people.contact-key", "contacts", "id", Customer),
        new("people.contact-key", "agents", "id", "contact.email"),
        new("people.name", "contacts", "id", "name"),
        new("people.name", "agents", "id", "contact.name"),
        new("agents.email", "agents", "id", "contact.email"),
        new("companies.name", "companies", "id", "name"),
        new("groups.name", "groups", "id", "name"),
    ];

    /// <summary>
    /// A dump of the API may hold tickets an agent marked spam (<c>spam</c>) or deleted (<c>deleted</c>, listed with
    /// <c>filter=deleted</c>): they do not belong on the new helpdesk, and their conversations go with them.
    /// </summary>
    private static RowFilter Live => new("spam", HelpdeskValues.True, Negate: true, And: new RowFilter("deleted", HelpdeskValues.True, Negate: true));

    private static EntityMapping[] Entities =>
    [
        new(EntityKind.User, new EntitySource("agents"), Column("(key)", "contact.email", Trim, Lower),
            [Column("email", "contact.email", Email, Lower), FirstOf("first_name", "contact.name|contact.email", Trim, FirstName), Column("last_name", "contact.name", Trim, LastName), Constant("send_welcome_email", "0", Number)]),
        new(EntityKind.Agent, new EntitySource("agents"), Column("(key)", "contact.email", Trim, Lower),
            [Reference("user", EntityKind.User, "contact.email", Trim, Lower), Column("agent_name", "contact.name", Trim)]),
        new(EntityKind.Contact, new EntitySource("agents"), Column("(key)", "contact.email", Trim, Lower),
            [.. ContactFields("contact.name", Column("", "contact.email", Email, Lower), "contact.phone")]),
        new(EntityKind.Organisation, new EntitySource("companies"), Column("(key)", "name", Trim), [Column("customer_name", "name", Trim), Column("domain", "domains", Trim)]),
        new(EntityKind.Contact, new EntitySource("contacts"), FirstOf("(key)", Customer, Trim, Lower),
            [
                .. ContactFields("name", Column("", "email", Email, Lower), "phone", "mobile"),
                // Freshdesk's other addresses of the contact, a row each after the primary: Frappe finds the contact by any of them.
                Column("email_ids.*.email_id", "other_emails", EmailList, Lower),
                Column("designation", "job_title", Trim),
                Reference("links.0.link_name", EntityKind.Organisation, "company_id", Lookup("companies.name")),
            ],
            ExternalIdField: "custom_source_id"),
        new(EntityKind.TicketType, new EntitySource("tickets"), Column("(key)", "type", Trim), [Column("name", "type", Trim)], Filter: new RowFilter("type", And: Live)),
        Team("tickets", Column("", "group_id", LookupOrEmpty("groups.name"), Trim), Column("", "responder_id", LookupOrEmpty("agents.email"), Trim, Lower), new RowFilter("group_id", And: Live)),
        new(EntityKind.Ticket, new EntitySource("tickets"), Column("(key)", "id", Trim), TicketFields, ExternalIdField: "custom_source_id", Filter: Live),
        new(EntityKind.Reply, new EntitySource("tickets"), Template("(key)", "{id}:description"), FirstMessage, ExternalIdField: "custom_source_id",
            Filter: new RowFilter("description", And: Live)),
        new(EntityKind.Reply, new EntitySource("tickets", "conversations", EntityKind.Ticket), Column("(key)", "id", Trim), Conversation, ExternalIdField: "custom_source_id",
            Filter: new RowFilter("private", HelpdeskValues.True, Negate: true)),
        new(EntityKind.PrivateNote, new EntitySource("tickets", "conversations", EntityKind.Ticket), Column("(key)", "id", Trim),
            [ParentReference("reference_ticket"), Column("content", "body"), Reference("commented_by", EntityKind.User, "user_id", LookupOrEmpty("agents.email"), Trim, Lower)],
            ExternalIdField: "custom_source_id", Filter: new RowFilter("private", HelpdeskValues.True)),
        Attachment("tickets", "attachments", EntityKind.Reply, "Communication"),
        Attachment("tickets", "conversations/attachments", EntityKind.Reply, "Communication"),
        Attachment("tickets", "conversations/attachments", EntityKind.PrivateNote, "HD Ticket Comment"),
    ];

    private static FieldMapping[] TicketFields =>
    [
        Column("subject", "subject", Trim, Default("(no subject)")),
        Column("raised_by", "requester_id", Lookup("people.email"), Email, Lower),
        Reference("contact", EntityKind.Contact, "requester_id", Lookup("people.contact-key"), Trim, Lower),
        Reference("customer", EntityKind.Organisation, "company_id", Lookup("companies.name")),
        Column("priority", "priority", Map(HelpdeskValues.Priorities, "Medium")),
        Reference("ticket_type", EntityKind.TicketType, "type", Trim),
        Column("opening_date", "created_at", Date),
        Column("opening_time", "created_at", Time),
        Column("service_level_agreement_creation", "created_at", Stamp),
        Finalise(FieldStage.FinaliseStatus, "status", "status", Map(HelpdeskValues.Statuses, "Open")),
        TeamReference("group_id", LookupOrEmpty("groups.name"), Trim),
        Finalise(FieldStage.FinaliseDates, "first_responded_on", "stats.first_responded_at", Stamp),
        Finalise(FieldStage.Assign, RecordAssignment.Field, "responder_id", LookupOrEmpty("agents.email"), Trim, Lower),
        Finalise(FieldStage.Tags, TicketTags.Field, "tags", Trim),
        new("resolution_date", FieldOrigin.FirstNonEmpty, "stats.resolved_at|stats.closed_at", [Stamp], FieldStage.FinaliseDates),
    ];

    private static FieldMapping[] FirstMessage =>
    [
        Constant("communication_type", "Communication"),
        Constant("communication_medium", "Email"),
        Constant("sent_or_received", "Received"),
        Column("sender", "requester_id", Lookup("people.email"), Email, Lower),
        Column("sender_full_name", "requester_id", LookupOrEmpty("people.name"), Trim),
        Column("subject", "subject", Trim, Default("(no subject)")),
        Column("cc", "cc_emails", EmailList),
        Column("content", "description"),
        Constant("reference_doctype", "HD Ticket"),
        Reference("reference_name", EntityKind.Ticket, "id", Trim),
        Column("communication_date", "created_at", Stamp),
    ];

    private static FieldMapping[] Conversation =>
    [
        Constant("communication_type", "Communication"),
        Constant("communication_medium", "Email"),
        Column("sent_or_received", "incoming", Map(HelpdeskValues.Direction, "Sent")),
        Column("sender", "from_email", Email, Lower),
        Column("sender_full_name", "user_id", LookupOrEmpty("people.name"), Trim),
        Reference("user", EntityKind.User, "user_id", LookupOrEmpty("agents.email"), Trim, Lower),
        Column("recipients", "to_emails", EmailList),
        Column("cc", "cc_emails", EmailList),
        FirstOf("content", "body|body_text"),
        Constant("reference_doctype", "HD Ticket"),
        ParentReference("reference_name"),
        Column("communication_date", "created_at", Stamp),
    ];
}
