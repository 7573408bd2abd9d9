using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Sources;
using ImportPortal.TestData;
using ImportPortal.Tests.Unit.Sources;
using static ImportPortal.Tests.Unit.Mapping.MappingSites;
using ImportPortal.Tests.Unit.Infrastructure;
using ImportPortal.Tests.Unit.Runs;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class FreshdeskAccountExportPresetTests
{
    private static readonly byte[] Zip = FreshdeskSampleWriter.AccountExportZip(8);

    private static async Task<(CompiledProfile Profile, List<SourceRecord> Tickets)> LoadAsync(bool siteHasSourceId = true)
    {
        var profile = await CompileWithLookupsAsync(FreshdeskAccountExportPreset.Create(), Zip, "export.zip", siteHasSourceId ? Helpdesk122 : Load("v1_22", withSourceId: false));
        var (_, tickets) = await SourceTestRead.ReadAsync(Zip, "export.zip", new SourceReadOptions(Table: "tickets"));
        return (profile, tickets);
    }

    [Fact]
    public async Task A_ticket_yields_itself_its_first_message_a_reply_and_a_private_note()
    {
        var (profile, tickets) = await LoadAsync();

        var mapped = profile.MapRecord("tickets", tickets[2]);

        Assert.Equal([EntityKind.Ticket, EntityKind.Reply, EntityKind.Reply, EntityKind.PrivateNote], mapped.Select(m => m.Entity));
        Assert.Equal(["3", "3:description", "200", "201"], mapped.Select(m => m.SourceKey));
    }

    [Fact]
    public async Task Spam_and_deleted_tickets_are_left_out_with_their_notes_and_so_are_deleted_notes()
    {
        var zip = SpamAndTrashExport();
        var profile = ProfileCompiler.Compile(FreshdeskAccountExportPreset.Create(), Helpdesk122);
        var (_, tickets) = await SourceTestRead.ReadAsync(zip, "export.zip", new SourceReadOptions(Table: "tickets"));

        var mapped = tickets.Select(t => profile.MapRecord("tickets", t)).ToList();

        // Ticket 1 is live: itself, its description, its reply; its deleted reply and deleted private note are left out.
        Assert.Equal(["1", "1:description", "11"], mapped[0].Select(m => m.SourceKey));
        Assert.Empty(mapped[1]);
        Assert.Empty(mapped[2]);
        Assert.Equal(["4", "4:description", "41"], mapped[3].Select(m => m.SourceKey));
    }

    /// <summary>
    /// Four tickets as Freshdesk exports them: a live one with a reply, a deleted reply and a deleted private note; one
    /// marked spam; one in the trash (deleted); and one whose flags say "false" as the export writes them.
    /// </summary>
    internal static byte[] SpamAndTrashExport()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            FreshdeskXml.WriteArray(zip, "Tickets1.xml", "helpdesk-tickets", w =>
            {
                Ticket(w, 1, spam: null, deleted: null, [(11, false, null), (12, false, "true"), (13, true, "true")]);
                Ticket(w, 2, spam: "true", deleted: null, [(21, false, null)]);
                Ticket(w, 3, spam: null, deleted: "true", [(31, true, null)]);
                Ticket(w, 4, spam: "false", deleted: "false", [(41, false, "false")]);
            });
        }

        return buffer.ToArray();
    }

    private static void Ticket(System.Xml.XmlWriter w, int id, string? spam, string? deleted, (int Id, bool Private, string? Deleted)[] notes)
    {
        var number = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.WriteStartElement("helpdesk-ticket");
        FreshdeskXml.Element(w, "display-id", "integer", number);
        FreshdeskXml.Element(w, "subject", null, $"Phiếu {number}");
        FreshdeskXml.Element(w, "description", null, "Xin chào, tôi cần hỗ trợ.");
        FreshdeskXml.Element(w, "status-name", null, "Open");
        FreshdeskXml.Element(w, "spam", "boolean", spam);
        FreshdeskXml.Element(w, "deleted", "boolean", deleted);
        FreshdeskXml.Element(w, "created-at", "datetime", "2024-03-01T09:00:00+07:00");
        w.WriteStartElement("notes");
        w.WriteAttributeString("type", "array");
        foreach (var note in notes)
        {
            w.WriteStartElement("helpdesk-note");
            FreshdeskXml.Element(w, "id", "integer", note.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            FreshdeskXml.Element(w, "body", null, "Cảm ơn anh/chị.");
            FreshdeskXml.Element(w, "private", "boolean", note.Private ? "true" : "false");
            FreshdeskXml.Element(w, "deleted", "boolean", note.Deleted);
            FreshdeskXml.Element(w, "created-at", "datetime", "2024-03-01T10:00:00+07:00");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    [Fact]
    public async Task The_ticket_resolves_its_requester_through_the_users_table_and_keeps_its_times()
    {
        var (profile, tickets) = await LoadAsync();

        var ticket = profile.MapRecord("tickets", tickets[2])[0];

        Assert.Empty(ticket.Problems);
        Assert.Equal("khach2@example.vn", Text(ticket.InsertBody, "raised_by"));
        Assert.Equal(("2024-01-01", "02:14:00"), (Text(ticket.InsertBody, "opening_date"), Text(ticket.InsertBody, "opening_time")));
        Assert.Equal("Resolved", Text(ticket.FinaliseStatus, "status"));
        Assert.Equal("2024-01-01 07:14:00", Text(ticket.FinaliseDates, "resolution_date"));
        Assert.Contains(new EntityReference(EntityKind.Contact, "khach2@example.vn", "contact"), ticket.References);
    }

    [Fact]
    public async Task Notes_become_a_sent_communication_and_an_internal_comment_on_their_ticket()
    {
        var (profile, tickets) = await LoadAsync();

        var mapped = profile.MapRecord("tickets", tickets[2]);
        var reply = mapped[2];
        var note = mapped[3];

        Assert.Equal(("Communication", "Sent", "Cảm ơn anh/chị đã liên hệ."), (reply.Doctype, Text(reply.InsertBody, "sent_or_received"), Text(reply.InsertBody, "content")));
        Assert.Equal("2024-01-01 03:14:00", Text(reply.InsertBody, "communication_date"));
        var agent = FreshdeskSampleWriter.AgentOf(2).Email;
        Assert.Equal(
            [new EntityReference(EntityKind.Ticket, "3", "reference_name"), new EntityReference(EntityKind.User, agent, "user")],
            reply.References.OrderBy(r => r.Entity));
        Assert.Equal(("HD Ticket Comment", "Ghi chú nội bộ"), (note.Doctype, Text(note.InsertBody, "content")));
        Assert.Equal(
            [new EntityReference(EntityKind.Ticket, "3", "reference_ticket"), new EntityReference(EntityKind.User, agent, "commented_by")],
            note.References.OrderBy(r => r.Entity));
    }

    [Fact]
    public async Task Without_the_users_table_a_requester_id_is_a_lookup_problem_on_raised_by()
    {
        var profile = ProfileCompiler.Compile(FreshdeskAccountExportPreset.Create(), Helpdesk122);
        var (_, tickets) = await SourceTestRead.ReadAsync(Zip, "export.zip", new SourceReadOptions(Table: "tickets"));

        var ticket = profile.MapRecord("tickets", tickets[0])[0];

        var problem = Assert.Single(ticket.Problems, p => p.Field == "raised_by");
        Assert.Equal((MappingProblemCodes.LookupMissing, "1000", "users.email"), (problem.Code, problem.Args[1], problem.Args[2]));
    }

    [Fact]
    public async Task A_customer_freshdesk_knows_by_a_number_only_is_a_contact_by_that_number_and_their_tickets_link_to_it()
    {
        var export = AccountExport.Create(tickets: 40);
        var caller = export.User(1012);
        Assert.True(caller.WithoutEmail);
        var zip = export.ToZip();
        var profile = await CompileWithLookupsAsync(FreshdeskAccountExportPreset.Create(), zip, "export.zip");
        var (_, users) = await SourceTestRead.ReadAsync(zip, "export.zip", new SourceReadOptions(Table: "users"));
        var (_, tickets) = await SourceTestRead.ReadAsync(zip, "export.zip", new SourceReadOptions(Table: "tickets"));

        // Their office number is who they are (then their mobile number); no e-mail row.
        Assert.Equal(caller.Phone, caller.Key);
        var contact = Assert.Single(profile.MapRecord("users", users.Single(u => u["id"].Text == "1012")));
        Assert.Equal(caller.Key, contact.SourceKey);
        Assert.False(contact.InsertBody.ContainsKey("email_ids"));
        Assert.Empty(contact.Problems);

        // Their ticket names them through the lookup of who each user is, and is sent without raised_by: a warning.
        var raised = export.Tickets.First(t => t.RequesterId == caller.Id);
        var mapped = profile.MapRecord("tickets", tickets.Single(t => t["display-id"].Text == raised.SourceId));
        var ticket = mapped.Single(m => m.Entity == EntityKind.Ticket);
        Assert.Contains(new EntityReference(EntityKind.Contact, caller.Key, "contact"), ticket.References);
        Assert.False(ticket.InsertBody.ContainsKey("raised_by"));
        Assert.Equal([(MappingProblemCodes.RequesterWithoutEmail, MappingSeverity.Warning)], ticket.Problems.Select(p => (p.Code, p.Severity)));
        Assert.All(mapped, m => Assert.DoesNotContain(m.Problems, p => p.Severity == MappingSeverity.Error));

        // A customer with an e-mail is still their e-mail, on the ticket too.
        var written = export.Tickets.First(t => !export.User(t.RequesterId).WithoutEmail);
        var other = profile.MapRecord("tickets", tickets.Single(t => t["display-id"].Text == written.SourceId)).Single(m => m.Entity == EntityKind.Ticket);
        Assert.Equal(export.User(written.RequesterId).Email, Text(other.InsertBody, "raised_by"));
        Assert.Contains(new EntityReference(EntityKind.Contact, export.User(written.RequesterId).Email, "contact"), other.References);
    }

    [Fact]
    public async Task A_customer_freshdesk_knows_by_neither_e_mail_nor_number_is_a_contact_by_their_user_id_with_their_name_and_their_tickets_link_to_it()
    {
        // A Facebook or Twitter account only: the export has their name and id, no e-mail, phone or mobile number.
        var export = AccountExport.Create(tickets: 40);
        export = export with { Users = [.. export.Users.Select(u => u.Id == 1012 ? u with { Phone = null, Mobile = null } : u)] };
        var follower = export.User(1012);
        var zip = export.ToZip();
        var profile = await CompileWithLookupsAsync(FreshdeskAccountExportPreset.Create(), zip, "export.zip");
        var (_, users) = await SourceTestRead.ReadAsync(zip, "export.zip", new SourceReadOptions(Table: "users"));
        var (_, tickets) = await SourceTestRead.ReadAsync(zip, "export.zip", new SourceReadOptions(Table: "tickets"));

        var contact = Assert.Single(profile.MapRecord("users", users.Single(u => u["id"].Text == "1012")));
        Assert.Equal(("1012", "1012"), (contact.SourceKey, Text(contact.InsertBody, "custom_source_id")));
        Assert.Equal(follower.Name, $"{Text(contact.InsertBody, "first_name")} {Text(contact.InsertBody, "last_name")}".Trim());
        Assert.False(contact.InsertBody.ContainsKey("email_ids"));
        Assert.False(contact.InsertBody.ContainsKey("phone_nos"));
        Assert.Empty(contact.Problems);

        var raised = export.Tickets.First(t => t.RequesterId == follower.Id);
        var ticket = profile.MapRecord("tickets", tickets.Single(t => t["display-id"].Text == raised.SourceId)).Single(m => m.Entity == EntityKind.Ticket);
        Assert.Contains(new EntityReference(EntityKind.Contact, "1012", "contact"), ticket.References);
        Assert.False(ticket.InsertBody.ContainsKey("raised_by"));
        Assert.Equal([(MappingProblemCodes.RequesterWithoutEmail, MappingSeverity.Warning)], ticket.Problems.Select(p => (p.Code, p.Severity)));
    }

    [Fact]
    public async Task Users_and_companies_become_contacts_and_organisations()
    {
        var profile = ProfileCompiler.Compile(FreshdeskAccountExportPreset.Create(), Helpdesk122);
        var (_, users) = await SourceTestRead.ReadAsync(Zip, "export.zip", new SourceReadOptions(Table: "users"));
        var (_, companies) = await SourceTestRead.ReadAsync(Zip, "export.zip", new SourceReadOptions(Table: "companies"));

        var contact = Assert.Single(profile.MapRecord("users", users[5]));
        var org = Assert.Single(profile.MapRecord("companies", companies[0]));

        Assert.Equal(("khach5@example.vn", "Huỳnh"), (contact.SourceKey, Text(contact.InsertBody, "first_name")));
        Assert.Equal(("Công ty TNHH Ánh Dương", "anhduong.vn"), (Text(org.InsertBody, "customer_name"), Text(org.InsertBody, "domain")));
    }

    [Fact]
    public async Task Agents_become_users_without_a_welcome_email_and_helpdesk_agents_and_everyone_a_contact()
    {
        var (profile, _) = await LoadAgentExportAsync();
        var (_, users) = await SourceTestRead.ReadAsync(AgentExport, "export.zip", new SourceReadOptions(Table: "users"));

        var agent = profile.MapRecord("users", users[0]);
        var formerAgent = profile.MapRecord("users", users[AccountExport.AgentCount]);

        Assert.Equal([(EntityKind.User, "User"), (EntityKind.Agent, "HD Agent"), (EntityKind.Contact, "Contact")], agent.Select(m => (m.Entity, m.Doctype)));
        Assert.All(agent, m => Assert.Equal(("hotro1@haravan.vn", 0), (m.SourceKey, m.Problems.Count)));
        var user = agent[0].InsertBody;
        Assert.Equal(("hotro1@haravan.vn", "Hỗ", "Trợ Viên 1", "0"), (Text(user, "email"), Text(user, "first_name"), Text(user, "last_name"), user["send_welcome_email"]?.ToJsonString()));
        Assert.Equal("Hỗ Trợ Viên 1", Text(agent[1].InsertBody, "agent_name"));
        Assert.Equal(new EntityReference(EntityKind.User, "hotro1@haravan.vn", "user"), Assert.Single(agent[1].References));
        Assert.Equal((EntityKind.Contact, "cuu.nhanvien@haravan.vn"), (Assert.Single(formerAgent).Entity, formerAgent[0].SourceKey));
    }

    [Fact]
    public void An_agent_marked_deleted_gets_no_login_and_no_agent_only_a_contact_and_a_contact_keeps_its_job_title()
    {
        var profile = ProfileCompiler.Compile(FreshdeskAccountExportPreset.Create(), Helpdesk122);

        var deleted = profile.MapRecord("users", Record(("id", "9"), ("name", "Phạm Văn Cũ"), ("email", "pham.cu@haravan.vn"), ("helpdesk-agent", "true"), ("deleted", "true")));
        var current = profile.MapRecord("users", Record(("id", "10"), ("name", "Lê Thị Mới"), ("email", "le.moi@haravan.vn"), ("helpdesk-agent", "true"), ("deleted", "false"), ("job-title", "Trưởng nhóm hỗ trợ")));

        Assert.Equal([EntityKind.Contact], deleted.Select(m => m.Entity));
        Assert.Equal([EntityKind.User, EntityKind.Agent, EntityKind.Contact], current.Select(m => m.Entity));
        Assert.Equal("Trưởng nhóm hỗ trợ", Text(current[2].InsertBody, "designation"));
    }

    [Fact]
    public async Task An_agent_s_reply_and_private_note_name_the_agent_and_a_message_by_anyone_else_names_nobody()
    {
        var (profile, tickets) = await LoadAgentExportAsync();

        // Ticket 7 (index 6): an agent reply, the customer's reply and a private note, the agent's by agent 1.
        // Ticket 4 (index 3): one reply, by the former agent.
        var ticket = profile.MapRecord("tickets", tickets[6]);
        var byFormerAgent = profile.MapRecord("tickets", tickets[3]);

        Assert.Contains(new EntityReference(EntityKind.User, "hotro1@haravan.vn", "user"), ticket.Single(m => m.SourceKey == "500060").References);
        Assert.DoesNotContain(ticket.Single(m => m.SourceKey == "500061").References, r => r.Entity == EntityKind.User);
        Assert.Contains(new EntityReference(EntityKind.User, "hotro1@haravan.vn", "commented_by"), ticket.Single(m => m.Entity == EntityKind.PrivateNote).References);
        var formerReply = byFormerAgent.Single(m => m.SourceKey == "500030");
        Assert.Equal(("Sent", "cuu.nhanvien@haravan.vn"), (Text(formerReply.InsertBody, "sent_or_received"), Text(formerReply.InsertBody, "sender")));
        Assert.DoesNotContain(formerReply.References, r => r.Entity == EntityKind.User);
        Assert.All(ticket.Concat(byFormerAgent), m => Assert.Empty(m.Problems));
    }

    [Fact]
    public async Task A_ticket_s_agent_is_its_assignee_and_a_ticket_of_a_former_agent_or_of_none_has_no_assignment()
    {
        var (profile, tickets) = await LoadAgentExportAsync();

        // Ticket 7 (index 6) answered by agent 1, ticket 4 (index 3) by the former agent, ticket 9 (index 8) by nobody yet.
        var assigned = profile.MapRecord("tickets", tickets[6]).Single(m => m.Entity == EntityKind.Ticket);
        var byFormerAgent = profile.MapRecord("tickets", tickets[3]).Single(m => m.Entity == EntityKind.Ticket);
        var unanswered = profile.MapRecord("tickets", tickets[8]).Single(m => m.Entity == EntityKind.Ticket);

        Assert.Equal("""{"assign_to":"hotro1@haravan.vn"}""", assigned.Assign?.ToJsonString());
        Assert.False(assigned.InsertBody.ContainsKey("assign_to"));
        Assert.Equal((null, null), (byFormerAgent.Assign, unanswered.Assign));
        Assert.All([assigned, byFormerAgent, unanswered], m => Assert.Empty(m.Problems));
    }

    [Fact]
    public void A_user_is_never_sent_a_welcome_email_whatever_its_mapping_says()
    {
        var preset = FreshdeskAccountExportPreset.Create();
        var users = preset.Entities.Select(e => e.Entity == EntityKind.User
            ? e with { Fields = [.. e.Fields.Where(f => f.Target != "send_welcome_email"), new FieldMapping("send_welcome_email", FieldOrigin.Constant, "1")] }
            : e).ToList();
        var profile = ProfileCompiler.Compile(preset with { Entities = users }, Helpdesk122);
        var row = new SourceRecord(new SourceLocator("Users1.xml", 1), new SourceSchema(["id", "name", "email", "helpdesk-agent"]), [new("1"), new("Lê Thị Lan"), new("lan@haravan.vn"), new("true")]);

        var user = profile.MapRecord("users", row).Single(m => m.Entity == EntityKind.User);

        Assert.Equal("0", user.InsertBody["send_welcome_email"]?.ToJsonString());
    }

    private static readonly byte[] AgentExport = AccountExport.Create(tickets: 10).ToZip();

    private static async Task<(CompiledProfile Profile, List<SourceRecord> Tickets)> LoadAgentExportAsync()
    {
        var profile = await CompileWithLookupsAsync(FreshdeskAccountExportPreset.Create(), AgentExport, "export.zip");
        var (_, tickets) = await SourceTestRead.ReadAsync(AgentExport, "export.zip", new SourceReadOptions(Table: "tickets"));
        return (profile, tickets);
    }

    [Fact]
    public async Task Every_problem_code_emitted_on_the_export_has_a_text_in_both_languages()
    {
        var (profile, tickets) = await LoadAsync(siteHasSourceId: false);
        var english = ResourceFile.Load("MappingResource.resx");
        var vietnamese = ResourceFile.Load("MappingResource.vi.resx");

        var codes = tickets.SelectMany(t => profile.MapRecord("tickets", t)).SelectMany(m => m.Problems).Select(p => p.Code)
            .Concat(profile.Problems.Select(p => p.Problem.Code)).Distinct().ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.True(english.ContainsKey(c) && vietnamese.ContainsKey(c), c));
    }

    [Fact]
    public async Task A_tickets_files_go_with_its_first_message_and_a_notes_with_the_note_public_or_private()
    {
        await using var origin = await AttachmentOrigin.StartAsync();
        var export = AccountExport.Create(13).WithAttachments(origin);
        var zip = export.ToZip();
        var compiled = await CompileWithLookupsAsync(FreshdeskAccountExportPreset.Create(), zip, "export.zip");
        var (_, tickets) = await SourceTestRead.ReadAsync(zip, "export.zip", new SourceReadOptions(Table: "tickets"));

        var files = tickets.SelectMany(t => compiled.MapRecord("tickets", t)).Where(m => m.Entity == EntityKind.Attachment).ToList();

        Assert.Equal(export.Attachments.Select(a => a.File.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), files.Select(f => f.SourceKey).Order());
        foreach (var (ticket, note, file) in export.Attachments)
        {
            var mapped = files.Single(f => f.SourceKey == file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (doctype, parent, message) = note switch
            {
                null => ("Communication", EntityKind.Reply, $"{ticket.SourceId}:description"),
                { Private: true } => ("HD Ticket Comment", EntityKind.PrivateNote, note.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => ("Communication", EntityKind.Reply, note.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            Assert.Equal("File", mapped.Doctype);
            Assert.Empty(mapped.Problems);
            Assert.Equal((file.FileName, origin.LinkOf(file.Id, file.FileName), doctype), (Text(mapped.InsertBody, "file_name"), Text(mapped.InsertBody, "file_url"), Text(mapped.InsertBody, "attached_to_doctype")));
            Assert.Equal([new EntityReference(parent, message, "attached_to_name")], mapped.References);
        }

        // The sample has files on a description, on public replies and on private notes, with Vietnamese names.
        Assert.Contains(export.Attachments, a => a.Note is null);
        Assert.Contains(export.Attachments, a => a.Note is { Private: true });
        Assert.Contains(export.Attachments, a => a.Note is { Private: false });
    }
}
