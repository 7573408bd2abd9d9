using static ImportPortal.Domain.Mapping.Presets.PresetFields;

namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>
/// Freshdesk's ticket export (CSV or XLSX, table "tickets"), with its optional contacts and companies exports
/// (tables "contacts" and "companies"). Ticket rows also yield their company and requester, so the export alone
/// is enough; the description becomes the ticket's first, received Communication (a ticket posted with a
/// description would get one authored by the importer). Times are the account's zone without offset. Each ticket's
/// type is made before the tickets where the site lacks it (Freshdesk's Problem, Feature Request, the team's own).
/// Each ticket's group is its team (<c>agent_group</c>): a team the site lacks is made with the agents who answered its
/// tickets as members, found on the site by the names the export gives them (the export has no agent e-mail), and each
/// ticket is assigned to its agent, found so too.
/// </summary>
public static class FreshdeskTicketExportPreset
{
    public const string Name = "freshdesk-ticket-export";

    public static MappingProfile Create(string organisationDoctype = "HD Customer", string sourceTimeZone = "Asia/Ho_Chi_Minh", string siteTimeZone = "UTC") =>
        new("Freshdesk ticket export", Entities, Name, organisationDoctype, SourceTimeZone: sourceTimeZone, SiteTimeZone: siteTimeZone);

    private static EntityMapping[] Entities =>
    [
        new(EntityKind.Organisation, new EntitySource("companies"), Column("(key)", "Company Name", Trim), [Column("customer_name", "Company Name", Trim), Column("domain", "Domains for this company", Trim)]),
        new(EntityKind.Organisation, new EntitySource("tickets"), Column("(key)", "Company", Trim), [Column("customer_name", "Company", Trim)], Filter: new RowFilter("Company")),
        new(EntityKind.Contact, new EntitySource("contacts"), FirstOf("(key)", Listed, Trim, Lower),
            [.. ContactFields("Full name", Column("", "Email", Email, Lower), "Work phone", "Mobile phone"), Column("designation", "Title", Trim), Reference("links.0.link_name", EntityKind.Organisation, "Company", Trim)],
            ExternalIdField: "custom_source_id"),
        new(EntityKind.Contact, new EntitySource("tickets"), Column("(key)", "Requester email", Trim, Lower),
            [.. ContactFields("Requester name", Column("", "Requester email", Email, Lower), "Requester phone"), Reference("links.0.link_name", EntityKind.Organisation, "Company", Trim)],
            Filter: new RowFilter("Requester email"), ExternalIdField: "custom_source_id"),
        // A customer who called or wrote without an e-mail (a hotline, Facebook, Zalo) is their phone number.
        new(EntityKind.Contact, new EntitySource("tickets"), Column("(key)", "Requester phone", Trim, Lower),
            [.. ContactFields("Requester name", Column("", "Requester email", Email, Lower), "Requester phone"), Reference("links.0.link_name", EntityKind.Organisation, "Company", Trim)],
            Filter: new RowFilter("Requester email", Negate: true, And: new RowFilter("Requester phone")), ExternalIdField: "custom_source_id"),
        // One who wrote on Facebook only (the export has their profile id, no e-mail or phone) is that id, with their name.
        new(EntityKind.Contact, new EntitySource("tickets"), Column("(key)", "Facebook profile id", Trim, Lower),
            [.. ContactFields("Requester name", Column("", "Requester email", Email, Lower), "Requester phone"), Reference("links.0.link_name", EntityKind.Organisation, "Company", Trim)],
            Filter: new RowFilter("Requester email", Negate: true, And: new RowFilter("Requester phone", Negate: true, And: new RowFilter("Facebook profile id"))),
            ExternalIdField: "custom_source_id"),
        new(EntityKind.TicketType, new EntitySource("tickets"), Column("(key)", "Type", Trim), [Column("name", "Type", Trim)], Filter: new RowFilter("Type")),
        Team("tickets", Column("", "Group", Trim), Column("", "Agent", Trim), new RowFilter("Group")),
        new(EntityKind.Ticket, new EntitySource("tickets"), Column("(key)", "Ticket ID", Trim), TicketFields, ExternalIdField: "custom_source_id"),
        new(EntityKind.Reply, new EntitySource("tickets"), Template("(key)", "{Ticket ID}:description"), FirstMessage, ExternalIdField: "custom_source_id", Filter: new RowFilter("Description")),
    ];

    /// <summary>
    /// Until 2026-12-02 a ticket named its contact by the requester's e-mail only, then by their e-mail or phone (one who
    /// wrote on Facebook only had no contact); and the contacts export keyed a contact by its e-mail only.
    /// </summary>
    internal static IReadOnlyList<SupersededField> Superseded =>
    [
        new(EntityKind.Contact, "contacts", Column("(key)", "Email", Trim, Lower), FirstOf("(key)", Listed, Trim, Lower)),
        new(EntityKind.Ticket, "tickets", Reference("contact", EntityKind.Contact, "Requester email", Trim, Lower), TicketFields.Single(f => f.Target == "contact")),
        new(EntityKind.Ticket, "tickets", new("contact", FieldOrigin.FirstNonEmpty, "Requester email|Requester phone", [Trim, Lower], References: EntityKind.Contact), TicketFields.Single(f => f.Target == "contact")),
    ];

    /// <summary>
    /// Who a contact of the contacts export is: the e-mail, or for one Freshdesk keeps without it, the work phone, then the
    /// mobile number — written as the ticket rows write the requester's phone, so a caller listed there and on a ticket is
    /// one contact — and for one with none of them, their Twitter handle, then the unique external id Freshdesk keeps.
    /// Every contact's key is in its external-id field too: the site can be asked for any of them after a lost answer.
    /// </summary>
    private const string Listed = "Email|Work phone|Mobile phone|Twitter|Unique external ID";

    /// <summary>
    /// Who the requester is: their e-mail, or the phone of one who wrote or called without one, or the Facebook profile of
    /// one who wrote on Facebook only (their ticket goes without <c>raised_by</c>).
    /// </summary>
    private const string Requester = "Requester email|Requester phone|Facebook profile id";

    private static FieldMapping[] TicketFields =>
    [
        Column("subject", "Subject", Trim, Default("(no subject)")),
        Column("raised_by", "Requester email", Email, Lower),
        new("contact", FieldOrigin.FirstNonEmpty, Requester, [Trim, Lower], References: EntityKind.Contact),
        Reference("customer", EntityKind.Organisation, "Company", Trim),
        Column("priority", "Priority", Map(HelpdeskValues.Priorities, "Medium")),
        Reference("ticket_type", EntityKind.TicketType, "Type", Trim),
        Column("opening_date", "Created time", Date),
        Column("opening_time", "Created time", Time),
        Column("service_level_agreement_creation", "Created time", Stamp),
        Finalise(FieldStage.FinaliseStatus, "status", "Status", Map(HelpdeskValues.Statuses, "Open")),
        TeamReference("Group", Trim),
        Finalise(FieldStage.FinaliseDates, "first_responded_on", "Initial response time", Stamp),
        Finalise(FieldStage.Assign, RecordAssignment.Field, "Agent", Trim),
        Finalise(FieldStage.Tags, TicketTags.Field, "Tags", Trim),
        new("resolution_date", FieldOrigin.FirstNonEmpty, "Resolved time|Closed time", [Stamp], FieldStage.FinaliseDates),
    ];

    private static FieldMapping[] FirstMessage =>
    [
        Constant("communication_type", "Communication"),
        Constant("communication_medium", "Email"),
        Constant("sent_or_received", "Received"),
        Column("sender", "Requester email", Email, Lower),
        Column("sender_full_name", "Requester name", Trim),
        Column("subject", "Subject", Trim, Default("(no subject)")),
        Column("content", "Description"),
        Constant("reference_doctype", "HD Ticket"),
        Reference("reference_name", EntityKind.Ticket, "Ticket ID", Trim),
        Column("communication_date", "Created time", Stamp),
    ];
}
