namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>Short ways to write the field mappings of a preset.</summary>
internal static class PresetFields
{
    public static readonly TransformStep Trim = new(TransformKind.Trim);
    public static readonly TransformStep Lower = new(TransformKind.Lower);
    public static readonly TransformStep Email = new(TransformKind.Email);
    public static readonly TransformStep EmailList = new(TransformKind.EmailList);
    public static readonly TransformStep Stamp = new(TransformKind.DateTime);
    public static readonly TransformStep Date = new(TransformKind.Date);
    public static readonly TransformStep Time = new(TransformKind.Time);
    public static readonly TransformStep FirstName = new(TransformKind.FirstName);
    public static readonly TransformStep LastName = new(TransformKind.LastName);
    public static readonly TransformStep Number = new(TransformKind.Number);

    public static FieldMapping Column(string target, string column, params TransformStep[] steps) => new(target, FieldOrigin.Column, column, steps);

    /// <summary>
    /// The forms the account export and the API dump wrote a contact's key and a ticket's link to its contact in before
    /// 2026-12-02's: the key the e-mail alone, then the e-mail or a number; the link through the lookup of the people's
    /// e-mails (<c>{lookups}.email</c>), then of their e-mail or number (<c>{lookups}.contact</c>). <paramref name="key"/> and
    /// <paramref name="link"/> are the forms the preset writes now.
    /// </summary>
    public static IReadOnlyList<SupersededField> EarlierCustomerForms(string table, string requester, string lookups, FieldMapping key, FieldMapping link) =>
    [
        new(EntityKind.Contact, table, Column("(key)", "email", Trim, Lower), key),
        new(EntityKind.Contact, table, FirstOf("(key)", "email|phone|mobile", Trim, Lower), key),
        new(EntityKind.Ticket, "tickets", Reference("contact", EntityKind.Contact, requester, Lookup($"{lookups}.email"), Trim, Lower), link),
        new(EntityKind.Ticket, "tickets", Reference("contact", EntityKind.Contact, requester, Lookup($"{lookups}.contact"), Trim, Lower), link),
    ];

    public static FieldMapping FirstOf(string target, string columns, params TransformStep[] steps) => new(target, FieldOrigin.FirstNonEmpty, columns, steps);

    public static FieldMapping Template(string target, string template, params TransformStep[] steps) => new(target, FieldOrigin.Template, template, steps);

    public static FieldMapping Constant(string target, string value, params TransformStep[] steps) => new(target, FieldOrigin.Constant, value, steps);

    public static FieldMapping Finalise(FieldStage stage, string target, string column, params TransformStep[] steps) => new(target, FieldOrigin.Column, column, steps, stage);

    public static FieldMapping Reference(string target, EntityKind entity, string column, params TransformStep[] steps) =>
        new(target, FieldOrigin.Column, column, steps, References: entity);

    /// <summary>A ticket's team (<c>agent_group</c>), set with its status in the first finalise PUT (frappe-api.md §13 step 7).</summary>
    public static FieldMapping TeamReference(string column, params TransformStep[] steps) =>
        new("agent_group", FieldOrigin.Column, column, steps, FieldStage.FinaliseStatus, EntityKind.Team);

    /// <summary>
    /// The teams the tickets of <paramref name="table"/> belong to, one per name <paramref name="name"/> gives, each with the
    /// members <paramref name="member"/> gives on its tickets.
    /// </summary>
    public static EntityMapping Team(string table, FieldMapping name, FieldMapping member, RowFilter filter) =>
        new(EntityKind.Team, new EntitySource(table), name with { Target = "(key)" }, [name with { Target = "team_name" }, member with { Target = TeamMembers.Field }], Filter: filter);

    public static FieldMapping ParentReference(string target, EntityKind parent = EntityKind.Ticket) => new(target, FieldOrigin.ParentKey, "", References: parent);

    /// <summary>
    /// The files of the <paramref name="child"/> records of <paramref name="table"/> (a ticket's "attachments", its notes'
    /// "notes/attachments"), each uploaded to the <paramref name="parent"/> message it came with, a
    /// <paramref name="attachedTo"/> document. Private: a file is seen by those who may see its ticket. Freshdesk names a
    /// file and its link differently in each export, so the first of the names each uses.
    /// </summary>
    public static EntityMapping Attachment(string table, string child, EntityKind parent, string attachedTo) =>
        new(EntityKind.Attachment, new EntitySource(table, child, parent), Column("(key)", "id", Trim),
        [
            FirstOf("file_name", "content-file-name|name|file_name|filename", Trim),
            FirstOf("file_url", "attachment-url|attachment_url|url", Trim),
            Constant("attached_to_doctype", attachedTo),
            ParentReference("attached_to_name", parent),
            Constant("is_private", "1", Number),
        ]);

    public static TransformStep Map(IReadOnlyDictionary<string, string> map, string? fallback = null) => new(TransformKind.ValueMap, Map: map, Fallback: fallback);

    public static TransformStep Lookup(string name) => new(TransformKind.Lookup, name);

    /// <summary>A lookup whose unknown keys leave the value empty instead of being a problem.</summary>
    public static TransformStep LookupOrEmpty(string name) => new(TransformKind.Lookup, name, Fallback: "");

    public static TransformStep Default(string value) => new(TransformKind.Default, value);

    /// <summary>
    /// A contact's name, e-mail and numbers: the phone and the mobile each a <c>phone_nos</c> row, primary of its kind
    /// (Frappe's Contact then shows them as <c>phone</c> and <c>mobile_no</c>); a number the record lacks is no row.
    /// </summary>
    public static IEnumerable<FieldMapping> ContactFields(string name, FieldMapping email, string? phone, string? mobile = null)
    {
        yield return Column("first_name", name, Trim, FirstName);
        yield return Column("last_name", name, Trim, LastName);
        yield return email with { Target = "email_ids.0.email_id" };
        yield return Constant("email_ids.0.is_primary", "1", Number);
        var row = 0;
        foreach (var (column, primary) in new[] { (phone, "is_primary_phone"), (mobile, "is_primary_mobile_no") })
        {
            if (column is not null)
            {
                yield return Column($"phone_nos.{row}.phone", column, Trim);
                yield return Constant($"phone_nos.{row}.{primary}", "1", Number);
                row++;
            }
        }
    }
}
