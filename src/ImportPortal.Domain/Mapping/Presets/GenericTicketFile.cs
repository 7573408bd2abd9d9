using System.Text.RegularExpressions;

namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>
/// A ticket file from any other system (CSV, XLSX or JSON, one table): the Freshdesk ticket export's entities — the
/// requester's organisation and contact, the ticket's type and team, the ticket (with its tags) and its description as the first message — read
/// from the columns the file has, found by their names in English or Vietnamese ("Mã phiếu", "Tiêu đề", "Email khách
/// hàng"). A field whose column the file lacks is left out, and so is an entity whose key it lacks; the ticket stays,
/// for the operator to key by hand when no column looks like its id. A start the operator reviews, like header matching.
/// </summary>
public static partial class GenericTicketFile
{
    public const string Name = "generic-tickets";

    /// <summary>The lowest likeness a header needs to stand for a column of the Freshdesk export.</summary>
    public const int MinScore = 85;

    // Each column the Freshdesk ticket export preset reads, and the names other systems give it.
    private static readonly (string Column, string[] Names)[] Columns =
    [
        ("Ticket ID", ["Ticket ID", "ID", "Ticket number", "Ticket no", "Number", "Mã phiếu", "Số phiếu", "ID phiếu", "Mã yêu cầu", "Số yêu cầu", .. Synonyms("HD Ticket", "custom_source_id")]),
        ("Subject", ["Subject", "Title", .. Synonyms("HD Ticket", "subject")]),
        ("Description", ["Description", "Body", "Content", .. Synonyms("HD Ticket", "description")]),
        ("Status", ["Status", "State", .. Synonyms("HD Ticket", "status")]),
        ("Priority", ["Priority", .. Synonyms("HD Ticket", "priority")]),
        ("Type", ["Type", "Ticket type", "Loại phiếu", .. Synonyms("HD Ticket", "ticket_type")]),
        ("Company", ["Company", "Organization", "Organisation", .. Synonyms("HD Ticket", "customer")]),
        ("Requester name", ["Requester name", "Customer name", "Contact name", "Name", "Tên người yêu cầu", "Người yêu cầu", "Họ tên khách hàng", .. Synonyms("Contact", "first_name")]),
        ("Requester email", ["Requester email", "Customer email", "Contact email", "Email người yêu cầu", .. Synonyms("HD Ticket", "raised_by"), .. Synonyms("Contact", "email_id")]),
        ("Requester phone", ["Requester phone", "Customer phone", "Điện thoại người yêu cầu", "Số điện thoại khách hàng", "SĐT", .. Synonyms("Contact", "phone"), .. Synonyms("Contact", "mobile_no")]),
        ("Created time", ["Created time", "Created", "Created at", "Created date", "Creation date", .. Synonyms("HD Ticket", "opening_date")]),
        ("Resolved time", ["Resolved time", "Resolved", "Resolved at", .. Synonyms("HD Ticket", "resolution_date")]),
        ("Closed time", ["Closed time", "Closed", "Closed at", "Ngày đóng", "Thời gian đóng"]),
        ("Initial response time", ["Initial response time", "First response time", "First responded at", .. Synonyms("HD Ticket", "first_responded_on")]),
        ("Group", ["Group", "Team", "Group name", "Team name", .. Synonyms("HD Ticket", "agent_group")]),
        ("Tags", ["Tags", "Tag", "Labels", "Thẻ", "Nhãn"]),
        ("Agent", ["Agent", "Agent name", "Assignee", "Responder", "Nhân viên", "Nhân viên phụ trách", "Người phụ trách"]),
        (AgentEmail, ["Agent email", "Assignee email", "Responder email", "Email nhân viên", "Email nhân viên phụ trách", "Email người phụ trách"]),
    ];

    // Not a column of the Freshdesk export (it names its agent by name only): a file that gives the agent's e-mail
    // assigns each ticket to that user.
    private const string AgentEmail = "(agent email)";

    /// <summary>The profile for a file with <paramref name="headers"/>, reading its records as <paramref name="table"/> (a sheet's name, or "tickets").</summary>
    public static MappingProfile Create(
        IReadOnlyList<string> headers, string name = "Generic ticket file", string table = "tickets", string sourceTimeZone = "Asia/Ho_Chi_Minh", string siteTimeZone = "UTC")
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var renames = Match(headers);
        var template = FreshdeskTicketExportPreset.Create(sourceTimeZone: sourceTimeZone, siteTimeZone: siteTimeZone);
        var entities = template.Entities
            .Where(e => e.Source.Table == "tickets")
            .Select(e => Adapt(e, renames))
            .OfType<EntityMapping>()
            .Select(e => e with { Source = e.Source with { Table = table } })
            .Select(e => renames.TryGetValue(AgentEmail, out var agent) ? WithAgentEmail(e, agent) : e)
            .ToList();
        return template with { Name = name, Entities = entities, Preset = null };
    }

    // A file that gives the agent's e-mail assigns each ticket to that user, and makes them a member of its team, rather
    // than the agent the site knows by the name a name column gives.
    private static EntityMapping WithAgentEmail(EntityMapping entity, string column)
    {
        var email = new FieldMapping("", FieldOrigin.Column, column, [new(TransformKind.Trim), new(TransformKind.Lower)]);
        return entity.Entity switch
        {
            EntityKind.Ticket => entity with { Fields = [.. entity.Fields.Where(f => f.Stage != FieldStage.Assign), email with { Target = RecordAssignment.Field, Stage = FieldStage.Assign }] },
            EntityKind.Team => entity with { Fields = [.. entity.Fields.Where(f => f.Target != TeamMembers.Field), email with { Target = TeamMembers.Field }] },
            _ => entity,
        };
    }

    /// <summary>
    /// The header likeliest to key an entity of <paramref name="kind"/> (a ticket's id, a requester's e-mail, a
    /// company, a type, an agent's e-mail), or null when none looks like it: what the editor proposes for a new entity.
    /// </summary>
    public static string? SuggestKey(EntityKind kind, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var column = kind switch
        {
            EntityKind.Ticket => "Ticket ID",
            EntityKind.Contact => "Requester email",
            EntityKind.Organisation => "Company",
            EntityKind.TicketType => "Type",
            EntityKind.Team => "Group",
            EntityKind.User or EntityKind.Agent => AgentEmail,
            _ => null,
        };
        return column is not null && Match(headers).TryGetValue(column, out var header) ? header : null;
    }

    /// <summary>The file's header for each column of the Freshdesk export it has, each header used once, likeliest first.</summary>
    public static IReadOnlyDictionary<string, string> Match(IReadOnlyList<string> headers) => Match(Columns, headers);

    /// <summary>The header of <paramref name="headers"/> for each of <paramref name="columns"/> (by any of its names), each header used once, likeliest first.</summary>
    internal static IReadOnlyDictionary<string, string> Match((string Column, string[] Names)[] columns, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var candidates =
            from column in columns
            from header in headers
            where header.Trim().Length > 0
            let score = column.Names.Max(n => HeaderMatcher.Similarity(header, n))
            where score >= MinScore
            orderby score descending
            select (column.Column, Header: header);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (column, header) in candidates)
        {
            if (!renames.ContainsKey(column) && used.Add(header))
            {
                renames[column] = header;
            }
        }

        return renames;
    }

    // The entity reading the file's headers, or null when the file lacks its key (the ticket stays, keyed as before).
    private static EntityMapping? Adapt(EntityMapping entity, IReadOnlyDictionary<string, string> renames)
    {
        var key = Rename(entity.Key, renames);
        if (key is null && entity.Entity != EntityKind.Ticket)
        {
            return null;
        }

        var (possible, filter) = entity.Filter is { } f ? Rename(f, renames) : (true, null);
        if (!possible)
        {
            return null;
        }

        return entity with
        {
            Key = key ?? entity.Key,
            Fields = [.. entity.Fields.Select(field => Rename(field, renames)).OfType<FieldMapping>()],
            Filter = filter,
        };
    }

    private static FieldMapping? Rename(FieldMapping field, IReadOnlyDictionary<string, string> renames) => field.Origin switch
    {
        FieldOrigin.Column => renames.TryGetValue(field.Value, out var header) ? field with { Value = header } : null,
        FieldOrigin.FirstNonEmpty => field.Value.Split('|').Where(renames.ContainsKey).Select(c => renames[c]).ToList() is { Count: > 0 } found
            ? field with { Value = string.Join('|', found), Origin = found.Count == 1 ? FieldOrigin.Column : FieldOrigin.FirstNonEmpty }
            : null,
        FieldOrigin.Template => Placeholder().Matches(field.Value).All(m => renames.ContainsKey(m.Groups[1].Value))
            ? field with { Value = Placeholder().Replace(field.Value, m => "{" + renames[m.Groups[1].Value] + "}") }
            : null,
        _ => field,
    };

    /// <summary>
    /// The filter reading the file's headers. A condition on a column the file lacks holds for every row when it is
    /// negated ("is empty": a file with phones and no e-mail column still makes its callers' contacts) and is dropped;
    /// any other holds for none, and the file cannot make the entity (Possible false).
    /// </summary>
    private static (bool Possible, RowFilter? Filter) Rename(RowFilter filter, IReadOnlyDictionary<string, string> renames)
    {
        var rest = filter.And is { } and ? Rename(and, renames) : (true, null);
        if (!rest.Possible)
        {
            return rest;
        }

        if (!renames.TryGetValue(filter.Column, out var header))
        {
            // A row without the column passes a negated test ("is empty", "is not spam") and fails every other.
            return filter.Negate ? rest : (false, null);
        }

        return (true, filter with { Column = header, And = rest.Filter });
    }

    private static string[] Synonyms(string doctype, string field) =>
        HeaderSynonyms.ByDoctype.GetValueOrDefault(doctype)?.GetValueOrDefault(field) ?? [];

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex Placeholder();
}
