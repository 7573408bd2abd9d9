using static ImportPortal.Domain.Mapping.Presets.PresetFields;

namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>
/// The seed guide's flow on an ERPNext site: one flat table "seed", each row a ticket with its store (ERPNext
/// Customer) and contact, and optionally a first reply. Columns: org_id, org_name, store_url, contact_name,
/// email, phone, subject, description, status, priority, routing_reason, created_at, reply, reply_from, reply_at.
/// The guide posts status and creation with the ticket; the server ignores both on insert, so the created time
/// goes to opening_date/opening_time and status to the finalise PUT. The guide's <c>description</c> is kept.
/// </summary>
public static class SeedGuidePreset
{
    public const string Name = "seed-guide";

    public static MappingProfile Create(string sourceTimeZone = "Asia/Ho_Chi_Minh", string siteTimeZone = "Asia/Ho_Chi_Minh") =>
        new("Seed guide flow", Entities, Name, "Customer", SourceTimeZone: sourceTimeZone, SiteTimeZone: siteTimeZone);

    private static EntityMapping[] Entities =>
    [
        new(EntityKind.Organisation, new EntitySource("seed"), Column("(key)", "org_name", Trim),
        [
            Column("customer_name", "org_name", Trim),
            Constant("customer_group", "All Customer Groups"),
            Constant("territory", "All Territories"),
            Constant("customer_type", "Company"),
            Column("custom_orgid", "org_id", Trim),
            Column("custom_store_url", "store_url", Trim),
        ], Filter: new RowFilter("org_name")),
        new(EntityKind.Contact, new EntitySource("seed"), Column("(key)", "email", Trim, Lower),
        [
            .. ContactFields("contact_name", Column("", "email", Email, Lower), "phone"),
            Column("email_id", "email", Email, Lower),
            Column("phone", "phone", Trim),
            Constant("is_primary_contact", "1"),
            Constant("status", "Passive"),
            Reference("links.0.link_name", EntityKind.Organisation, "org_name", Trim),
        ], Filter: new RowFilter("email")),
        new(EntityKind.Ticket, new EntitySource("seed"), Template("(key)", "{org_id}:{created_at}:{email}"), TicketFields, ExternalIdField: "custom_source_id"),
        new(EntityKind.Reply, new EntitySource("seed"), Template("(key)", "{org_id}:{created_at}:{email}:reply"), Reply, ExternalIdField: "custom_source_id", Filter: new RowFilter("reply")),
    ];

    private static FieldMapping[] TicketFields =>
    [
        Column("subject", "subject", Trim, Default("(no subject)")),
        Column("description", "description"),
        Column("raised_by", "email", Email, Lower),
        Reference("customer", EntityKind.Organisation, "org_name", Trim),
        Column("priority", "priority", Map(HelpdeskValues.Priorities, "Medium")),
        Column("custom_haravan_routing_reason", "routing_reason", Trim),
        Column("opening_date", "created_at", Date),
        Column("opening_time", "created_at", Time),
        Finalise(FieldStage.FinaliseStatus, "status", "status", Map(HelpdeskValues.Statuses, "Open")),
    ];

    private static FieldMapping[] Reply =>
    [
        Constant("communication_type", "Communication"),
        Constant("communication_medium", "Email"),
        Constant("sent_or_received", "Sent"),
        Column("sender", "reply_from", Email, Lower),
        Column("subject", "subject", Trim, Default("(no subject)")),
        Column("content", "reply"),
        Constant("reference_doctype", "HD Ticket"),
        Reference("reference_name", EntityKind.Ticket, "org_id"),
        Column("communication_date", "reply_at", Stamp),
    ];
}
