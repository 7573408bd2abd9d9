using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace ImportPortal.TestData;

/// <summary>
/// Writes Freshdesk-like exports of any size, deterministically: the ticket CSV (Vietnamese names, descriptions
/// with commas, quotes and line breaks) and the account-export ZIP (tickets with notes, users, companies, groups).
/// Streams to any writer, so a benchmark can produce a 1 GB file without holding it.
/// </summary>
public static class FreshdeskSampleWriter
{
    public static readonly string[] TicketHeaders =
    [
        "Ticket ID", "Subject", "Description", "Status", "Priority", "Source", "Type", "Company", "Requester name",
        "Requester email", "Requester phone", "Agent", "Group", "Created time", "Due by time", "Resolved time",
        "Closed time", "Last update time", "Tags",
    ];

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Quốc"];
    private static readonly string[] GivenNames = ["Anh", "Bình", "Châu", "Dũng", "Giang", "Hải", "Khoa", "Lan", "Phương", "Trang", "Tuấn", "Yến"];
    private static readonly string[] Statuses = ["Open", "Pending", "Resolved", "Closed"];
    private static readonly string[] Priorities = ["Low", "Medium", "High", "Urgent"];
    private static readonly string[] Subjects = ["Hỗ trợ khách hàng", "Không đăng nhập được", "Hoá đơn tháng 5, bị trùng", "Đổi \"gói\" dịch vụ"];

    public static string RequesterName(int i) =>
        $"{FamilyNames[i % FamilyNames.Length]} {MiddleNames[i / 7 % MiddleNames.Length]} {GivenNames[i / 3 % GivenNames.Length]}";

    public static string RequesterEmail(int i) => $"khach{i}@example.vn";

    public static byte[] TicketCsv(int rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(true), leaveOpen: true))
        {
            WriteTicketCsv(writer, rows);
        }

        return buffer.ToArray();
    }

    public static void WriteTicketCsv(TextWriter writer, int rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(",", TicketHeaders.Select(Quote)) + "\r\n");
        var start = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < rows; i++)
        {
            var created = start.AddMinutes(i * 37);
            string[] cells =
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), Subjects[i % Subjects.Length],
                $"Xin chào,\nTôi là {RequesterName(i)}, cần hỗ trợ về đơn hàng #{i}.", Statuses[i % 4], Priorities[i / 4 % 4],
                "Email", i % 3 == 0 ? "Question" : i % 5 == 4 ? "Yêu cầu tính năng" : "Incident", $"Công ty {i % 50}", RequesterName(i), RequesterEmail(i),
                $"09{i % 100_000_000:D8}", "Lê Thị Hỗ Trợ", "Billing", Stamp(created), Stamp(created.AddDays(2)),
                i % 4 >= 2 ? Stamp(created.AddHours(5)) : "", i % 4 == 3 ? Stamp(created.AddHours(6)) : "",
                Stamp(created.AddHours(6)), i % 2 == 0 ? "vip,hoa-don" : "",
            ];
            writer.Write(string.Join(",", cells.Select(Quote)) + "\r\n");
        }
    }

    /// <summary>The account export's agents, after its customers in the users file: id, name and e-mail.</summary>
    public static IReadOnlyList<(int Id, string Name, string Email)> Agents { get; } =
    [
        (5, "Lê Thị Hỗ Trợ", "hotro.le@haravan.vn"),
        (6, "Trần Văn Kỹ Thuật", "kythuat.tran@haravan.vn"),
    ];

    /// <summary>The agent who writes the notes of ticket <paramref name="i"/> (zero-based).</summary>
    public static (int Id, string Name, string Email) AgentOf(int i) => Agents[i % Agents.Count];

    /// <summary>
    /// A ZIP like Admin &gt; Account &gt; Export data: Tickets{n}.xml (300 a file) with notes written by the agents,
    /// Users (the customers, then the agents), Companies, Groups.
    /// </summary>
    public static byte[] AccountExportZip(int tickets, int notesPerTicket = 2, Func<int, (long Id, string Name, string Link)?>? fileOf = null)
    {
        using var buffer = new MemoryStream();
        WriteAccountExport(buffer, tickets, notesPerTicket, fileOf);
        return buffer.ToArray();
    }

    /// <param name="fileOf">When given, the file each ticket's description came with (id, name, link), as the export lists it; none for a ticket that came with none.</param>
    public static void WriteAccountExport(Stream output, int tickets, int notesPerTicket = 2, Func<int, (long Id, string Name, string Link)?>? fileOf = null)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        for (var file = 0; file * 300 < Math.Max(tickets, 1); file++)
        {
            FreshdeskXml.WriteArray(zip, $"Tickets{file + 1}.xml", "helpdesk-tickets", w =>
            {
                for (var i = file * 300; i < Math.Min(tickets, (file + 1) * 300); i++)
                {
                    WriteTicket(w, i, notesPerTicket, fileOf);
                }
            });
        }

        FreshdeskXml.WriteArray(zip, "Users1.xml", "users", w =>
        {
            for (var i = 0; i < Math.Max(tickets, 1); i++)
            {
                w.WriteStartElement("user");
                FreshdeskXml.Element(w, "id", "integer", (1000 + i).ToString(CultureInfo.InvariantCulture));
                FreshdeskXml.Element(w, "name", null, RequesterName(i));
                FreshdeskXml.Element(w, "email", null, RequesterEmail(i));
                FreshdeskXml.Element(w, "phone", null, null);
                w.WriteEndElement();
            }

            foreach (var (id, name, email) in Agents)
            {
                w.WriteStartElement("user");
                FreshdeskXml.Element(w, "id", "integer", id.ToString(CultureInfo.InvariantCulture));
                FreshdeskXml.Element(w, "name", null, name);
                FreshdeskXml.Element(w, "email", null, email);
                FreshdeskXml.Element(w, "helpdesk-agent", "boolean", "true");
                w.WriteEndElement();
            }
        });
        FreshdeskXml.WriteArray(zip, "Companies1.xml", "companies", w => Company(w, 1, "Công ty TNHH Ánh Dương"));
        FreshdeskXml.WriteArray(zip, "Groups.xml", "groups", w =>
        {
            w.WriteStartElement("group");
            FreshdeskXml.Element(w, "id", "integer", "7");
            FreshdeskXml.Element(w, "name", null, "Tier 1");
            w.WriteEndElement();
        });
    }

    private static void WriteTicket(XmlWriter w, int i, int notes, Func<int, (long Id, string Name, string Link)?>? fileOf)
    {
        var created = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.FromHours(7)).AddMinutes(i * 37);
        w.WriteStartElement("helpdesk-ticket");
        FreshdeskXml.Element(w, "display-id", "integer", (i + 1).ToString(CultureInfo.InvariantCulture));
        FreshdeskXml.Element(w, "subject", null, Subjects[i % Subjects.Length]);
        FreshdeskXml.Element(w, "description", null, $"Xin chào, tôi là {RequesterName(i)}.");
        FreshdeskXml.Element(w, "requester-id", "integer", (1000 + i).ToString(CultureInfo.InvariantCulture));
        FreshdeskXml.Element(w, "responder-id", "integer", i % 2 == 0 ? "5" : null);
        FreshdeskXml.Element(w, "status-name", null, Statuses[i % 4]);
        FreshdeskXml.Element(w, "spam", "boolean", "false");
        FreshdeskXml.Element(w, "created-at", "datetime", created.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        w.WriteStartElement("ticket-states");
        FreshdeskXml.Element(w, "resolved-at", "datetime", i % 4 >= 2 ? created.AddHours(5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null);
        w.WriteEndElement();
        w.WriteStartElement("custom_field");
        FreshdeskXml.Element(w, "cf_khu_vuc_123", null, i % 2 == 0 ? "Miền Bắc" : "Miền Nam");
        w.WriteEndElement();
        w.WriteStartElement("tags");
        w.WriteAttributeString("type", "array");
        foreach (var tag in i % 2 == 0 ? ["vip", "hoa-don"] : Array.Empty<string>())
        {
            w.WriteStartElement("tag");
            FreshdeskXml.Element(w, "name", null, tag);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteStartElement("notes");
        w.WriteAttributeString("type", "array");
        for (var n = 0; n < notes; n++)
        {
            w.WriteStartElement("helpdesk-note");
            FreshdeskXml.Element(w, "id", "integer", (i * 100 + n).ToString(CultureInfo.InvariantCulture));
            FreshdeskXml.Element(w, "body", null, n % 2 == 0 ? "Cảm ơn anh/chị đã liên hệ." : "Ghi chú nội bộ");
            FreshdeskXml.Element(w, "private", "boolean", n % 2 == 0 ? "false" : "true");
            FreshdeskXml.Element(w, "incoming", "boolean", "false");
            FreshdeskXml.Element(w, "source", "integer", n % 2 == 0 ? "0" : "2");
            FreshdeskXml.Element(w, "user-id", "integer", AgentOf(i).Id.ToString(CultureInfo.InvariantCulture));
            FreshdeskXml.Element(w, "created-at", "datetime", created.AddHours(n + 1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }

        w.WriteEndElement();
        if (fileOf?.Invoke(i) is (var fileId, var fileName, var link))
        {
            w.WriteStartElement("attachments");
            w.WriteAttributeString("type", "array");
            w.WriteStartElement("helpdesk-attachment");
            FreshdeskXml.Element(w, "id", "integer", fileId.ToString(CultureInfo.InvariantCulture));
            FreshdeskXml.Element(w, "content-file-name", null, fileName);
            FreshdeskXml.Element(w, "attachment-url", null, link);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Company(XmlWriter w, int id, string name)
    {
        w.WriteStartElement("company");
        FreshdeskXml.Element(w, "id", "integer", id.ToString(CultureInfo.InvariantCulture));
        FreshdeskXml.Element(w, "name", null, name);
        FreshdeskXml.Element(w, "domains", null, "anhduong.vn");
        w.WriteEndElement();
    }


    private static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
