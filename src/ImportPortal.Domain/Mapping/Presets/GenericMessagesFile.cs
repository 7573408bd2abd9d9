using static ImportPortal.Domain.Mapping.Presets.PresetFields;

namespace ImportPortal.Domain.Mapping.Presets;

/// <summary>
/// A file of ticket messages from any other system, beside its ticket file: one row per message, naming its ticket by
/// the ticket's id ("Mã phiếu"). Added to a ticket profile in one step as a reply entity — and a private-note entity
/// when a column says which messages are internal — with the fields read from the columns the file has, found by their
/// names in English or Vietnamese. A start the operator reviews, like the generic ticket file.
/// <para>
/// Who wrote a message decides how Helpdesk shows it: a customer's is a Received Communication, an agent's a Sent one
/// (and the first of those is the ticket's first response). A column that says so ("Direction", "Chiều": in/out,
/// customer/agent) is read through a value map. Without one, a message whose sender is a requester of the profile's
/// tickets (the key column of the contacts the ticket file names) was received, and any other was sent by the team.
/// </para>
/// </summary>
public static class GenericMessagesFile
{
    /// <summary>The table a profile reads the file as (with a number after it when the profile has one of that name).</summary>
    public const string Table = "messages";

    private const string Ticket = "ticket";
    private const string Id = "id";
    private const string Content = "content";
    private const string Sender = "sender";
    private const string SenderName = "sender name";
    private const string Date = "date";
    private const string Direction = "direction";
    private const string Private = "private";

    // Each column a messages file may have, and the names systems give it.
    private static readonly (string Column, string[] Names)[] Columns =
    [
        (Ticket, ["Ticket ID", "Ticket", "Ticket number", "Ticket no", "Mã phiếu", "Số phiếu", "Phiếu", "Mã yêu cầu"]),
        (Id, ["Message ID", "Comment ID", "Reply ID", "Conversation ID", "Note ID", "ID", "Mã tin nhắn", "Mã trả lời", "Mã bình luận"]),
        (Content, ["Content", "Body", "Message", "Text", "Comment", "Reply", "Nội dung", "Nội dung tin nhắn", "Tin nhắn", "Nội dung trả lời"]),
        (Sender, ["From", "Sender", "Sender email", "From email", "Author email", "Email", "Người gửi", "Email người gửi"]),
        (SenderName, ["Sender name", "From name", "Author", "Author name", "Tên người gửi"]),
        (Date, ["Date", "Created", "Created at", "Created time", "Sent at", "Time", "Timestamp", "Ngày gửi", "Thời gian", "Thời gian gửi", "Ngày tạo"]),
        (Direction, ["Direction", "Incoming", "Sent or received", "Author type", "Sender type", "Chiều", "Hướng", "Loại người gửi"]),
        (Private, ["Private", "Internal", "Internal note", "Is private", "Nội bộ", "Ghi chú nội bộ", "Riêng tư"]),
    ];

    /// <summary>A direction column's values: the customer's messages were received, the team's sent.</summary>
    public static IReadOnlyDictionary<string, string> Directions { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["received"] = "Received", ["incoming"] = "Received", ["in"] = "Received", ["inbound"] = "Received", ["customer"] = "Received",
        ["requester"] = "Received", ["contact"] = "Received", ["end user"] = "Received", ["true"] = "Received", ["1"] = "Received",
        ["khách"] = "Received", ["khách hàng"] = "Received", ["đến"] = "Received", ["nhận"] = "Received",
        ["sent"] = "Sent", ["outgoing"] = "Sent", ["out"] = "Sent", ["outbound"] = "Sent", ["agent"] = "Sent", ["staff"] = "Sent",
        ["false"] = "Sent", ["0"] = "Sent", ["nhân viên"] = "Sent", ["đi"] = "Sent", ["gửi"] = "Sent",
    };

    /// <summary>A private column's values that mark an internal note.</summary>
    public static IReadOnlyList<string> PrivateValues { get; } = ["true", "1", "yes", "x", "có", "private", "internal", "nội bộ"];

    /// <summary>The file's header for each column of a messages file it has, each header used once, likeliest first.</summary>
    public static IReadOnlyDictionary<string, string> Match(IReadOnlyList<string> headers) => GenericTicketFile.Match(Columns, headers);

    /// <summary>
    /// Whether a file with <paramref name="headers"/> looks like messages: it names each row's ticket and holds its
    /// content, and has no column that looks like a ticket's subject (a ticket file with a description has the first two too).
    /// </summary>
    public static bool Looks(IReadOnlyList<string> headers)
    {
        var found = Match(headers);
        return found.ContainsKey(Ticket) && found.ContainsKey(Content) && !GenericTicketFile.Match(headers).ContainsKey("Subject");
    }

    /// <summary>
    /// <paramref name="profile"/> reading a messages file with <paramref name="headers"/> as a new table (named
    /// <paramref name="table"/>, a workbook sheet's name, unless the profile reads a table of that name already): its
    /// replies (and private notes), each on the ticket its ticket column names. Null when the file does not name a ticket
    /// and a content.
    /// </summary>
    public static (MappingProfile Profile, string Table)? AddTo(MappingProfile profile, IReadOnlyList<string> headers, string? table = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(headers);
        var found = Match(headers);
        if (!found.TryGetValue(Ticket, out var ticket) || !found.TryGetValue(Content, out var content))
        {
            return null;
        }

        table = FreeTable(profile, string.IsNullOrWhiteSpace(table) ? Table : table.Trim());
        var key = found.TryGetValue(Id, out var id)
            ? Column("(key)", id, Trim)
            : Template("(key)", found.TryGetValue(Date, out var date)
                ? $"{{{ticket}}}:{{{date}}}" + (found.TryGetValue(Sender, out var by) || found.TryGetValue(SenderName, out by) ? $":{{{by}}}" : "")
                : $"{{{ticket}}}:{{{content}}}");
        var (direction, lookup) = DirectionOf(profile, found, table);
        var reply = new EntityMapping(EntityKind.Reply, new EntitySource(table), key,
        [
            Constant("communication_type", "Communication"),
            Constant("communication_medium", "Email"),
            direction,
            .. Optional(found, Sender, column => Column("sender", column, Email, Lower)),
            .. Optional(found, SenderName, column => Column("sender_full_name", column, Trim)),
            Column("content", content),
            Constant("reference_doctype", "HD Ticket"),
            Reference("reference_name", EntityKind.Ticket, ticket, Trim),
            .. Optional(found, Date, column => Column("communication_date", column, Stamp)),
        ], ExternalIdField: "custom_source_id");

        List<EntityMapping> added = [reply];
        if (found.TryGetValue(Private, out var internalColumn))
        {
            added[0] = reply with { Filter = new RowFilter(internalColumn, PrivateValues, Negate: true) };
            added.Add(new EntityMapping(EntityKind.PrivateNote, new EntitySource(table), key,
            [
                Reference("reference_ticket", EntityKind.Ticket, ticket, Trim),
                Column("content", content),
            ], ExternalIdField: "custom_source_id", Filter: new RowFilter(internalColumn, PrivateValues)));
        }

        var lookups = lookup is null ? profile.Lookups : [.. profile.Lookups ?? [], lookup];
        return (profile with { Entities = [.. profile.Entities, .. added], Lookups = lookups }, table);
    }

    // Received or Sent: by the file's own column, else by whether the sender is one of the tickets' requesters.
    private static (FieldMapping Field, LookupSpec? Lookup) DirectionOf(MappingProfile profile, IReadOnlyDictionary<string, string> found, string table)
    {
        if (found.TryGetValue(Direction, out var direction))
        {
            return (Column("sent_or_received", direction, Trim, Map(Directions, "Received")), null);
        }

        // The requesters the ticket file itself names (a Freshdesk ticket export's optional contacts file may be left out).
        var tickets = profile.Entities.FirstOrDefault(e => e is { Entity: EntityKind.Ticket, Source.Child: null })?.Source.Table;
        var requesters = profile.Entities
            .Where(e => e is { Entity: EntityKind.Contact, Source.Child: null, Key.Origin: FieldOrigin.Column })
            .OrderBy(e => e.Source.Table == tickets ? 0 : 1)
            .FirstOrDefault();
        if (!found.TryGetValue(Sender, out var sender) || requesters is null)
        {
            return (Constant("sent_or_received", "Received"), null);
        }

        var name = $"{table}.requesters";
        var lookup = new LookupSpec(name, requesters.Source.Table, requesters.Key.Value, "", requesters.Filter, Value: "Received");
        return (Column("sent_or_received", sender, Email, Lower, new TransformStep(TransformKind.Lookup, name, Fallback: "Sent")), lookup);
    }

    private static IEnumerable<FieldMapping> Optional(IReadOnlyDictionary<string, string> found, string column, Func<string, FieldMapping> field) =>
        found.TryGetValue(column, out var header) ? [field(header)] : [];

    private static string FreeTable(MappingProfile profile, string wanted)
    {
        var used = profile.Entities.Select(e => e.Source.Table).Concat(profile.Lookups?.Select(l => l.Table) ?? []).ToHashSet(StringComparer.Ordinal);
        var table = wanted;
        for (var n = 2; used.Contains(table); n++)
        {
            table = $"{wanted} {n}";
        }

        return table;
    }
}
