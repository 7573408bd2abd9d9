using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ImportPortal.TestData;

namespace ImportPortal.Tests.Unit.Runs;

/// <summary>
/// A Freshdesk account export (ZIP of Tickets/Users/Companies XML) generated deterministically, kept as a model so
/// a test knows what the site must hold without reading the portal's records: groups (a team of their own, one the site
/// has, one deleted), customers in companies (every tenth
/// without one), agents who answer, write private notes and raise a ticket now and then, a former agent (no longer
/// <c>helpdesk-agent</c>) who wrote some of them, tickets with 0–3 notes, times in +07:00 (Ho Chi Minh) that cross the UTC day boundary. The shared sample writer's users have no company, so it cannot prove contact links.
/// </summary>
public sealed record AccountExport(IReadOnlyList<ExportCompany> Companies, IReadOnlyList<ExportUser> Users, IReadOnlyList<ExportTicket> Tickets)
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ"];
    private static readonly string[] GivenNames = ["Văn Anh", "Thị Bình", "Hữu Châu", "Minh Dũng", "Ngọc Giang", "Quốc Hải", "Thị Lan", "Văn Tuấn"];
    private static readonly string[] Statuses = ["Open", "Pending", "Resolved", "Closed"];
    private static readonly string[] Subjects = ["Không đăng nhập được", "Hoá đơn tháng 5, bị trùng", "Đổi \"gói\" dịch vụ", "Hỗ trợ khách hàng"];
    private static readonly TimeSpan HoChiMinh = TimeSpan.FromHours(7);

    // Freshdesk's own types and the team's, in Vietnamese; every fifth ticket has none.
    private static readonly string?[] Types = ["Question", "Yêu cầu tính năng", "Incident", "Hoàn tiền", null];

    /// <summary>The ticket types a fresh Helpdesk site has (the simulator's seed): the run finds these, and makes the others.</summary>
    public static readonly string[] SiteTicketTypes = ["Unspecified", "Question", "Bug", "Incident"];

    /// <summary>
    /// The export's groups (Groups.xml): the team's own, which a fresh site lacks, and one a fresh Helpdesk has. Every
    /// third ticket has no group; every eleventh names a group the export no longer lists (deleted), which gives no team.
    /// </summary>
    public static readonly (long Id, string Name)[] Groups = [(11, "Hỗ trợ kỹ thuật"), (12, "Billing")];

    /// <summary>A group id the tickets name that Groups.xml does not list.</summary>
    public const long DeletedGroupId = 99;

    /// <summary>The teams a fresh Helpdesk site has (the simulator's seed): the run finds these, and makes the others.</summary>
    public static readonly string[] SiteTeams = ["Billing", "Product Experts"];

    public const int AgentCount = 3;

    /// <summary>
    /// Where the export's attachment links point; none: the export is written without attachments, as the tests that
    /// do not fetch files want it.
    /// </summary>
    public AttachmentOrigin? Files { get; init; }

    /// <summary>The same export with its files, linked to <paramref name="origin"/>.</summary>
    public AccountExport WithAttachments(AttachmentOrigin origin) => this with { Files = origin };

    /// <summary>
    /// The same export with images in its public messages, as Freshdesk keeps them (inline, linked to its file store):
    /// every fifth ticket's replies, the agent's and the customer's, show the same screenshot (one file per ticket on the
    /// site) and a logo from a host files are not fetched from (left as it is).
    /// </summary>
    public AccountExport WithInlineImages() => this with
    {
        Tickets = Tickets.Select(t => InlineImageOf(t) is { } image
            ? t with { Notes = [.. t.Notes.Select(n => n is { Private: false } ? n with { Body = $"{n.Body}<p><img src=\"{Files!.InlineOf(image).Replace("&", "&amp;", StringComparison.Ordinal)}\" alt=\"ảnh chụp\"> <img src=\"{ForeignLogo}\"></p>" } : n)] }
            : t).ToList(),
    };

    /// <summary>An image the export's replies show from a host files are not fetched from.</summary>
    public const string ForeignLogo = "https://static.example.com/logo.png";

    /// <summary>The image a ticket's replies show, when it is one of those with images and has a reply.</summary>
    public static long? InlineImageOf(ExportTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.DisplayId % 5 == 2 && ticket.Notes.Any(n => !n.Private) ? 2_000_000 + ticket.DisplayId : null;
    }

    /// <summary>The tickets whose replies show an image, each with it.</summary>
    public IEnumerable<(ExportTicket Ticket, long Image)> InlineImages =>
        Tickets.Where(t => t.Notes.Any(n => n.Body.Contains("<img", StringComparison.Ordinal))).Select(t => (t, InlineImageOf(t)!.Value));

    /// <summary>Every file of the export with the message it goes with: a ticket's with its first message, a note's with the note.</summary>
    public IEnumerable<(ExportTicket Ticket, ExportNote? Note, ExportAttachment File)> Attachments =>
        Tickets.SelectMany(t => t.Attachments.Select(a => (t, (ExportNote?)null, a))
            .Concat(t.Notes.SelectMany(n => n.Attachments.Select(a => (t, (ExportNote?)n, a)))));

    /// <summary>Someone who answered tickets and has left: a plain user now, and no agent to name.</summary>
    public const long FormerAgentId = AgentCount + 1;

    public static AccountExport Create(int tickets, int companies = 25)
    {
        var companyList = Enumerable.Range(1, companies).Select(c => new ExportCompany(c, $"Công ty TNHH Số {c}")).ToList();
        var agents = Enumerable.Range(1, AgentCount).Select(a => new ExportUser(a, $"Hỗ Trợ Viên {a}", $"hotro{a}@haravan.vn", null, true))
            .Append(new ExportUser(FormerAgentId, "Trần Cựu Nhân", "cuu.nhanvien@haravan.vn", null, false));
        var customerCount = Math.Max(1, tickets * 3 / 5);
        var customers = Enumerable.Range(0, customerCount).Select(c => new ExportUser(
            1000 + c,
            $"{FamilyNames[c % FamilyNames.Length]} {GivenNames[c / FamilyNames.Length % GivenNames.Length]}",
            PhoneOnly(c) || NoAddress(c) ? "" : $"khach{c}@example.vn",
            c % 10 == 9 ? null : companyList[c % companies].Id,
            false)
        {
            // Every third customer left an office number, every other one a mobile number, some both; one in thirteen
            // called or wrote on a chat and has a number and no e-mail; a few wrote on Facebook only and have neither.
            Phone = c % 3 == 0 && !NoAddress(c) ? $"028 3822 {c:D4}" : null,
            Mobile = (c % 2 == 0 || PhoneOnly(c)) && !NoAddress(c) ? $"+84 912 {c:D6}" : null,
        });
        var ticketList = Enumerable.Range(0, tickets).Select(i => Ticket(i, customerCount)).ToList();
        return new AccountExport(companyList, [.. agents, .. customers], ticketList);
    }

    /// <summary>The customers Freshdesk knows without an e-mail: a number only.</summary>
    private static bool PhoneOnly(int customer) => customer % 13 == 12;

    /// <summary>The customers Freshdesk knows by neither e-mail nor number (a Facebook or Twitter account): a name and an id.</summary>
    private static bool NoAddress(int customer) => customer % 17 == 16 && !PhoneOnly(customer);

    private static ExportTicket Ticket(int i, int customers)
    {
        // 06:00 in Ho Chi Minh is 23:00 UTC the day before; 37-minute steps walk across both days.
        var created = new DateTimeOffset(2024, 3, 1, 6, 0, 0, HoChiMinh).AddMinutes(i * 37);
        // Every 50th ticket an agent raised for the team itself.
        var requester = i % 50 == 49 ? 1 + (i % AgentCount) : 1000 + (i % customers);
        var notes = Enumerable.Range(0, i / 2 % 4).Select(n => Note(i, n, created, requester)).ToList();
        var description = i % 20 == 7 ? null : $"Xin chào, tôi cần hỗ trợ về đơn hàng #{i + 1}.\nCảm ơn!";
        var status = Statuses[i % 4];
        var firstAgentReply = notes.FirstOrDefault(n => !n.Private && !n.Incoming);
        // The agent who answers it, as the notes have it; every ninth ticket has none yet.
        long? responder = i % 9 == 8 ? null : AgentOf(i);
        return new ExportTicket(
            i + 1,
            $"{Subjects[i % Subjects.Length]} #{i + 1}",
            description,
            requester,
            status,
            created,
            firstAgentReply?.CreatedAt,
            status is "Resolved" or "Closed" ? created.AddHours(30).AddMinutes(i % 60) : null,
            notes,
            responder,
            Types[i % Types.Length],
            i % 11 == 10 ? DeletedGroupId : (i % 3) switch { 0 => Groups[0].Id, 1 => Groups[1].Id, _ => null })
        {
            // Every third ticket tagged, in Vietnamese, one tag written twice in another case (a ticket has it once).
            Tags = (i % 3) switch { 0 => ["Hoá đơn", "khách VIP", "hoá đơn"], 1 => ["đổi trả"], _ => [] },

            // Every fourth ticket's description came with an invoice; every fifth of those with a second file too.
            Attachments = description is null || i % 4 != 1 ? [] :
                [new(700_000 + i, $"Hoá đơn tháng {(i % 12) + 1}.pdf"), .. i % 20 == 1 ? [new ExportAttachment(750_000 + i, "bảng kê.xlsx")] : Array.Empty<ExportAttachment>()],
        };
    }

    private static long AgentOf(int ticket) => ticket % 7 == 3 ? FormerAgentId : 1 + (ticket % AgentCount);

    // Agent reply, customer reply, private note, agent reply: each ticket's notes in that order; every seventh ticket
    // answered by the former agent.
    private static ExportNote Note(int ticket, int n, DateTimeOffset created, long requester)
    {
        var id = (ticket * 10L) + n + 500_000;
        var at = created.AddHours(n + 1).AddMinutes(n * 7);
        var agent = AgentOf(ticket);
        var note = (n % 3) switch
        {
            0 => new ExportNote(id, $"Chào anh/chị, chúng tôi đã kiểm tra phiếu #{ticket + 1} (ghi chú {id}).", false, false, agent, at),
            1 => new ExportNote(id, $"Cảm ơn, tôi đã thử lại (ghi chú {id}).", false, true, requester, at),
            _ => new ExportNote(id, $"Ghi chú nội bộ: kiểm tra hoá đơn (ghi chú {id}).", true, false, agent, at),
        };

        // Every third ticket's notes each came with a screenshot: replies, customers' answers and private notes alike.
        return ticket % 3 == 0 ? note with { Attachments = [new(id + 1_000_000, $"ảnh chụp màn hình {id % 100}.png")] } : note;
    }

    /// <summary>The same export a few days later: the customer answered one ticket again, after everything else on it.</summary>
    public AccountExport WithCustomerReply(int displayId, string body)
    {
        return this with
        {
            Tickets = Tickets.Select(t => t.DisplayId == displayId
                ? t with { Notes = [.. t.Notes, new ExportNote(900_000 + displayId, body, false, true, t.RequesterId, t.CreatedAt.AddDays(3))] }
                : t).ToList(),
        };
    }

    /// <summary>The same export with one ticket's subject replaced.</summary>
    public AccountExport WithSubject(int displayId, string subject) =>
        this with { Tickets = Tickets.Select(t => t.DisplayId == displayId ? t with { Subject = subject } : t).ToList() };

    public IEnumerable<ExportUser> Customers => Users.Where(u => !u.Agent);

    public IEnumerable<ExportUser> Agents => Users.Where(u => u.Agent);

    public ExportUser User(long id) => Users.First(u => u.Id == id);

    public string? CompanyName(long? id) => id is null ? null : Companies.First(c => c.Id == id).Name;

    /// <summary>The ticket types the tickets name, each once.</summary>
    public IReadOnlyList<string> TicketTypes => Tickets.Select(t => t.TicketType).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The ticket types a fresh site lacks: the run makes them.</summary>
    public IReadOnlyList<string> NewTicketTypes => TicketTypes.Except(SiteTicketTypes, StringComparer.Ordinal).ToList();

    /// <summary>The team a ticket belongs to: its group's name, none for a group the export does not list.</summary>
    public static string? TeamOf(ExportTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Groups.Where(g => g.Id == ticket.GroupId).Select(g => g.Name).FirstOrDefault();
    }

    /// <summary>The teams the tickets belong to, each once.</summary>
    public IReadOnlyList<string> Teams => Tickets.Select(TeamOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The teams a fresh site lacks: the run makes them.</summary>
    public IReadOnlyList<string> NewTeams => Teams.Except(SiteTeams, StringComparer.Ordinal).ToList();

    /// <summary>A team the run makes has the agents who answered its tickets as members (a former agent is none).</summary>
    public IReadOnlyList<string> MembersOf(string team) =>
        Tickets.Where(t => TeamOf(t) == team).Select(AssigneeOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>How many documents of each doctype the import's records must create, counted from the model.</summary>
    public IReadOnlyDictionary<string, int> ExpectedCounts => Files is null ? Documents : new Dictionary<string, int>(Documents, StringComparer.Ordinal) { ["File"] = Attachments.Count() + InlineImages.Count() };

    private Dictionary<string, int> Documents => new(StringComparer.Ordinal)
    {
        ["HD Ticket Type"] = NewTicketTypes.Count,
        ["HD Team"] = NewTeams.Count,
        ["User"] = Agents.Count(),
        ["HD Agent"] = Agents.Count(),
        ["HD Customer"] = Companies.Count,
        ["Contact"] = Users.Count,
        ["HD Ticket"] = Tickets.Count,
        ["Communication"] = Tickets.Sum(t => t.CommunicationIds.Count()),
        ["HD Ticket Comment"] = Tickets.Sum(t => t.Notes.Count(n => n.Private)),
    };

    /// <summary>
    /// The user a ticket must be assigned to: its responder while they are an agent. A former agent is a plain user in
    /// the export, not brought to the site, so their tickets have no assignee.
    /// </summary>
    public string? AssigneeOf(ExportTicket ticket) =>
        ticket.ResponderId is { } id && User(id) is { Agent: true } agent ? agent.Email : null;

    /// <summary>
    /// Records the run plans: one per document (an image copied out of a message is no record of its own), one per ticket
    /// type and team the site has already, plus a finalise
    /// record per ticket and an assignment record per assigned ticket.
    /// </summary>
    public int ExpectedRecords =>
        ExpectedCounts.Values.Sum() - (Files is null ? 0 : InlineImages.Count()) + (TicketTypes.Count - NewTicketTypes.Count) + (Teams.Count - NewTeams.Count) + Tickets.Count + Tickets.Count(t => AssigneeOf(t) is not null);

    public byte[] ToZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var file = 0; file * 300 < Math.Max(1, Tickets.Count); file++)
            {
                FreshdeskXml.WriteArray(zip, $"Tickets{file + 1}.xml", "helpdesk-tickets", w =>
                {
                    foreach (var ticket in Tickets.Skip(file * 300).Take(300))
                    {
                        WriteTicket(w, ticket);
                    }
                });
            }

            FreshdeskXml.WriteArray(zip, "Users1.xml", "users", w =>
            {
                foreach (var user in Users)
                {
                    w.WriteStartElement("user");
                    FreshdeskXml.Element(w, "id", "integer", Text(user.Id));
                    FreshdeskXml.Element(w, "name", null, user.Name);
                    FreshdeskXml.Element(w, "email", null, user.WithoutEmail ? null : user.Email);
                    FreshdeskXml.Element(w, "phone", null, user.Phone);
                    FreshdeskXml.Element(w, "mobile", null, user.Mobile);
                    FreshdeskXml.Element(w, "customer-id", "integer", user.CompanyId is { } c ? Text(c) : null);
                    FreshdeskXml.Element(w, "helpdesk-agent", "boolean", user.Agent ? "true" : "false");
                    w.WriteEndElement();
                }
            });
            FreshdeskXml.WriteArray(zip, "Groups.xml", "groups", w =>
            {
                foreach (var (id, name) in Groups)
                {
                    w.WriteStartElement("group");
                    FreshdeskXml.Element(w, "id", "integer", Text(id));
                    FreshdeskXml.Element(w, "name", null, name);
                    w.WriteEndElement();
                }
            });
            FreshdeskXml.WriteArray(zip, "Companies1.xml", "companies", w =>
            {
                foreach (var company in Companies)
                {
                    w.WriteStartElement("company");
                    FreshdeskXml.Element(w, "id", "integer", Text(company.Id));
                    FreshdeskXml.Element(w, "name", null, company.Name);
                    FreshdeskXml.Element(w, "domains", null, $"congty{company.Id}.vn");
                    w.WriteEndElement();
                }
            });
        }

        return buffer.ToArray();
    }

    private void WriteTicket(XmlWriter w, ExportTicket t)
    {
        w.WriteStartElement("helpdesk-ticket");
        FreshdeskXml.Element(w, "display-id", "integer", t.SourceId);
        FreshdeskXml.Element(w, "subject", null, t.Subject);
        FreshdeskXml.Element(w, "description", null, t.Description);
        FreshdeskXml.Element(w, "requester-id", "integer", Text(t.RequesterId));
        FreshdeskXml.Element(w, "responder-id", "integer", t.ResponderId is { } responder ? Text(responder) : null);
        FreshdeskXml.Element(w, "status-name", null, t.Status);
        FreshdeskXml.Element(w, "priority-name", null, "Medium");
        FreshdeskXml.Element(w, "ticket-type", null, t.TicketType);
        FreshdeskXml.Element(w, "group-id", "integer", t.GroupId is { } group ? Text(group) : null);
        FreshdeskXml.Element(w, "spam", "boolean", "false");
        FreshdeskXml.Element(w, "created-at", "datetime", Stamp(t.CreatedAt));
        w.WriteStartElement("ticket-states");
        FreshdeskXml.Element(w, "first-responded-at", "datetime", t.FirstRespondedAt is { } first ? Stamp(first) : null);
        FreshdeskXml.Element(w, "resolved-at", "datetime", t.ResolvedAt is { } resolved ? Stamp(resolved) : null);
        w.WriteEndElement();
        w.WriteStartElement("tags");
        w.WriteAttributeString("type", "array");
        foreach (var tag in t.Tags)
        {
            w.WriteStartElement("tag");
            FreshdeskXml.Element(w, "name", null, tag);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteStartElement("notes");
        w.WriteAttributeString("type", "array");
        foreach (var note in t.Notes)
        {
            w.WriteStartElement("helpdesk-note");
            FreshdeskXml.Element(w, "id", "integer", Text(note.Id));
            FreshdeskXml.Element(w, "body", null, note.Body);
            FreshdeskXml.Element(w, "private", "boolean", note.Private ? "true" : "false");
            FreshdeskXml.Element(w, "incoming", "boolean", note.Incoming ? "true" : "false");
            FreshdeskXml.Element(w, "user-id", "integer", Text(note.UserId));
            FreshdeskXml.Element(w, "created-at", "datetime", Stamp(note.CreatedAt));
            WriteAttachments(w, note.Attachments);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        WriteAttachments(w, t.Attachments);
        w.WriteEndElement();
    }

    // As Freshdesk writes them: each file's name, type, size and a signed link to it.
    private void WriteAttachments(XmlWriter w, IReadOnlyList<ExportAttachment> files)
    {
        if (Files is null)
        {
            return;
        }

        w.WriteStartElement("attachments");
        w.WriteAttributeString("type", "array");
        foreach (var file in files)
        {
            w.WriteStartElement("helpdesk-attachment");
            FreshdeskXml.Element(w, "id", "integer", Text(file.Id));
            FreshdeskXml.Element(w, "content-file-name", null, file.FileName);
            FreshdeskXml.Element(w, "content-content-type", null, "application/octet-stream");
            FreshdeskXml.Element(w, "content-file-size", "integer", Text(AttachmentOrigin.ContentOf(file.Id).Length));
            FreshdeskXml.Element(w, "attachment-url", null, Files.LinkOf(file.Id, file.FileName));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }


    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
