using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Migration;
using ImportPortal.Domain.Sources;
using ImportPortal.Tests.Unit.Sources;
using static ImportPortal.Tests.Unit.Mapping.MappingSites;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class FreshdeskApiJsonPresetTests
{
    private static readonly byte[] Dump = SourceTestRead.Utf8("""
        {
          "companies": [{"id": 9, "name": "Công ty Ánh Dương", "domains": ["anhduong.vn"]}],
          "contacts": [{"id": 501, "name": "Phạm Minh Khoa", "email": "Khoa@AnhDuong.vn", "phone": "0912345678", "company_id": 9}],
          "agents": [{"id": 77, "contact": {"name": "Lê Thị Hỗ Trợ", "email": "hotro@example.vn"}}],
          "groups": [{"id": 3, "name": "Hỗ trợ kỹ thuật", "agent_ids": [77]}],
          "tickets": [{
            "id": 1201, "subject": "Không nhận được hoá đơn", "description": "<p>Chào shop</p>", "status": 5, "priority": 4,
            "requester_id": 501, "responder_id": 77, "group_id": 3, "company_id": 9, "cc_emails": ["giam.doc@anhduong.vn"], "type": "Question", "created_at": "2024-05-10T03:00:00Z",
            "stats": {"first_responded_at": "2024-05-10T04:00:00Z", "resolved_at": "2024-05-11T02:00:00Z", "closed_at": null},
            "conversations": [
              {"id": 9001, "body": "<p>Đã gửi lại</p>", "incoming": false, "private": false, "from_email": "hotro@example.vn", "user_id": 77, "created_at": "2024-05-10T04:00:00Z",
               "to_emails": ["Phạm Minh Khoa <khoa@anhduong.vn>"], "cc_emails": ["ke.toan@anhduong.vn"]},
              {"id": 9002, "body": "<p>Khách VIP</p>", "incoming": false, "private": true, "user_id": 77, "created_at": "2024-05-10T04:05:00Z"},
              {"id": 9003, "body": "<p>Cảm ơn</p>", "incoming": true, "private": false, "from_email": "Phạm Minh Khoa <khoa@anhduong.vn>", "user_id": 501, "created_at": "2024-05-10T05:00:00Z"}
            ]
          }]
        }
        """);

    [Fact]
    public async Task A_contact_with_a_mobile_number_and_no_e_mail_is_that_number_and_their_ticket_and_reply_name_them()
    {
        var dump = SourceTestRead.Utf8("""
            {"contacts": [{"id": 502, "name": "Trần Văn Bảo", "email": null, "phone": null, "mobile": "+84 912 000 777"}], "agents": [], "companies": [], "groups": [],
             "tickets": [{"id": 1301, "subject": "Nhắn qua Zalo", "description": "<p>Shop ơi</p>", "status": 2, "priority": 1, "requester_id": 502, "created_at": "2024-05-10T03:00:00Z",
               "conversations": [{"id": 9101, "body": "<p>Em cảm ơn</p>", "incoming": true, "private": false, "user_id": 502, "created_at": "2024-05-10T05:00:00Z"}]}]}
            """);
        var profile = await CompileWithLookupsAsync(FreshdeskApiJsonPreset.Create(), dump, "dump.json");
        var (_, contacts) = await SourceTestRead.ReadAsync(dump, "dump.json", new SourceReadOptions(Table: "contacts"));
        var (_, tickets) = await SourceTestRead.ReadAsync(dump, "dump.json", new SourceReadOptions(Table: "tickets"));

        var contact = Assert.Single(profile.MapRecord("contacts", contacts[0]));
        var mapped = profile.MapRecord("tickets", tickets[0]);

        Assert.Equal("+84 912 000 777", contact.SourceKey);
        Assert.Empty(contact.Problems);
        var ticket = mapped.Single(m => m.Entity == EntityKind.Ticket);
        Assert.Contains(new EntityReference(EntityKind.Contact, "+84 912 000 777", "contact"), ticket.References);
        Assert.False(ticket.InsertBody.ContainsKey("raised_by"));
        Assert.Equal([MappingProblemCodes.RequesterWithoutEmail], ticket.Problems.Select(p => p.Code));
        // The customer's reply: from no address, by their name; no error anywhere.
        var reply = mapped.Single(m => m.SourceKey == "9101");
        Assert.Equal("Trần Văn Bảo", Text(reply.InsertBody, "sender_full_name"));
        Assert.All(mapped, m => Assert.DoesNotContain(m.Problems, p => p.Severity == MappingSeverity.Error));
    }

    [Fact]
    public async Task A_contact_with_neither_e_mail_nor_number_is_their_freshdesk_id_with_their_name_and_their_ticket_links_to_it()
    {
        // Someone who wrote on Facebook only: Freshdesk keeps their name and their Facebook id, which Contact has no field for.
        var dump = SourceTestRead.Utf8("""
            {"contacts": [{"id": 43000123456, "name": "Đỗ Thị Thu", "email": null, "phone": null, "mobile": null, "facebook_id": "100004123456789"}], "agents": [], "companies": [], "groups": [],
             "tickets": [{"id": 1302, "subject": "Nhắn qua Facebook", "description": "<p>Shop ơi</p>", "status": 2, "priority": 1, "requester_id": 43000123456, "created_at": "2024-05-10T03:00:00Z", "conversations": []}]}
            """);
        var profile = await CompileWithLookupsAsync(FreshdeskApiJsonPreset.Create(), dump, "dump.json");
        var (_, contacts) = await SourceTestRead.ReadAsync(dump, "dump.json", new SourceReadOptions(Table: "contacts"));
        var (_, tickets) = await SourceTestRead.ReadAsync(dump, "dump.json", new SourceReadOptions(Table: "tickets"));

        var contact = Assert.Single(profile.MapRecord("contacts", contacts[0]));
        var ticket = profile.MapRecord("tickets", tickets[0]).Single(m => m.Entity == EntityKind.Ticket);

        Assert.Equal(("43000123456", "Đỗ Thị Thu"), (contact.SourceKey, $"{Text(contact.InsertBody, "first_name")} {Text(contact.InsertBody, "last_name")}".Trim()));
        // Their key goes in the external id too: the site can be asked for them after an answer lost on the way.
        Assert.Equal("43000123456", Text(contact.InsertBody, "custom_source_id"));
        Assert.False(contact.InsertBody.ContainsKey("email_ids"));
        Assert.False(contact.InsertBody.ContainsKey("phone_nos"));
        Assert.Empty(contact.Problems);
        Assert.Contains(new EntityReference(EntityKind.Contact, "43000123456", "contact"), ticket.References);
        Assert.False(ticket.InsertBody.ContainsKey("raised_by"));
        Assert.Equal([MappingProblemCodes.RequesterWithoutEmail], ticket.Problems.Select(p => p.Code));
    }

    [Fact]
    public async Task A_ticket_marked_spam_or_deleted_is_left_out_with_its_conversations()
    {
        var dump = SourceTestRead.Utf8("""
            {"tickets": [
              {"id": 1, "subject": "Thư rác", "description": "<p>Mua ngay</p>", "spam": true, "deleted": false, "created_at": "2024-05-10T03:00:00Z",
               "conversations": [{"id": 11, "body": "<p>Trả lời</p>", "private": false, "created_at": "2024-05-10T04:00:00Z"}]},
              {"id": 2, "subject": "Đã xoá", "description": "<p>Nhầm</p>", "deleted": true, "created_at": "2024-05-10T03:00:00Z",
               "conversations": [{"id": 21, "body": "<p>Ghi chú</p>", "private": true, "created_at": "2024-05-10T04:00:00Z"}]},
              {"id": 3, "subject": "Cần hỗ trợ", "description": "<p>Chào shop</p>", "spam": false, "created_at": "2024-05-10T03:00:00Z",
               "conversations": [{"id": 31, "body": "<p>Trả lời</p>", "private": false, "created_at": "2024-05-10T04:00:00Z"}]}
            ]}
            """);
        var profile = ProfileCompiler.Compile(FreshdeskApiJsonPreset.Create(siteTimeZone: "Asia/Ho_Chi_Minh"), Helpdesk122);
        var (_, tickets) = await SourceTestRead.ReadAsync(dump, "dump.json", new SourceReadOptions(Table: "tickets"));

        var mapped = tickets.Select(t => profile.MapRecord("tickets", t).Select(m => m.SourceKey).ToList()).ToList();

        Assert.Equal([[], [], ["3", "3:description", "31"]], mapped);
    }

    [Fact]
    public async Task Files_of_a_ticket_and_of_its_conversations_go_with_the_first_message_and_each_conversation()
    {
        var dump = SourceTestRead.Utf8("""
            {"tickets": [
              {"id": 7, "subject": "Lỗi thanh toán", "description": "<p>Xem ảnh</p>", "created_at": "2024-05-10T03:00:00Z",
               "attachments": [{"id": 71, "name": "ảnh lỗi.png", "content_type": "image/png", "size": 2048, "attachment_url": "https://s3.amazonaws.com/fd/71/a.png?X-Amz-Signature=x"}],
               "conversations": [
                 {"id": 72, "body": "<p>Hoá đơn đây</p>", "private": false, "created_at": "2024-05-10T04:00:00Z",
                  "attachments": [{"id": 73, "name": "hoá đơn.pdf", "attachment_url": "https://s3.amazonaws.com/fd/73/b.pdf"}, {"id": 74, "name": "bảng kê.xlsx", "attachment_url": "https://s3.amazonaws.com/fd/74/c.xlsx"}]},
                 {"id": 75, "body": "<p>Nội bộ</p>", "private": true, "created_at": "2024-05-10T04:05:00Z",
                  "attachments": [{"id": 76, "name": "log.txt", "attachment_url": "https://s3.amazonaws.com/fd/76/log.txt"}]},
                 {"id": 77, "body": "<p>Không có tệp</p>", "private": false, "created_at": "2024-05-10T05:00:00Z", "attachments": []}
               ]}
            ]}
            """);
        var profile = ProfileCompiler.Compile(FreshdeskApiJsonPreset.Create(siteTimeZone: "Asia/Ho_Chi_Minh"), Helpdesk122);
        var (_, tickets) = await SourceTestRead.ReadAsync(dump, "dump.json", new SourceReadOptions(Table: "tickets"));

        var files = profile.MapRecord("tickets", tickets[0]).Where(m => m.Entity == EntityKind.Attachment).ToList();

        Assert.Equal(
            [("71", "ảnh lỗi.png", "Communication", new EntityReference(EntityKind.Reply, "7:description", "attached_to_name")),
             ("73", "hoá đơn.pdf", "Communication", new EntityReference(EntityKind.Reply, "72", "attached_to_name")),
             ("74", "bảng kê.xlsx", "Communication", new EntityReference(EntityKind.Reply, "72", "attached_to_name")),
             ("76", "log.txt", "HD Ticket Comment", new EntityReference(EntityKind.PrivateNote, "75", "attached_to_name"))],
            files.Select(f => (f.SourceKey, Text(f.InsertBody, "file_name"), Text(f.InsertBody, "attached_to_doctype"), f.References.Single())));
        Assert.Equal("https://s3.amazonaws.com/fd/71/a.png?X-Amz-Signature=x", Text(files[0].InsertBody, "file_url"));
        Assert.All(files, f => Assert.Empty(f.Problems));
    }

    private static async Task<CompiledProfile> CompileAsync()
    {
        var profile = FreshdeskApiJsonPreset.Create(siteTimeZone: "Asia/Ho_Chi_Minh");
        var lookups = new MappingLookups();
        foreach (var spec in profile.Lookups!)
        {
            await lookups.AddAsync(spec, await SourceTestRead.OpenAsync(Dump, "dump.json", new SourceReadOptions(Table: spec.Table)), TestContext.Current.CancellationToken);
        }

        return ProfileCompiler.Compile(profile, Helpdesk122, lookups);
    }

    private static async Task<SourceRecord> TableAsync(string table, byte[]? dump = null) =>
        (await SourceTestRead.ReadAsync(dump ?? Dump, "dump.json", new SourceReadOptions(Table: table))).Records[0];

    [Fact]
    public async Task Status_and_priority_codes_map_to_helpdesk_names_and_utc_times_to_the_site_zone()
    {
        var profile = await CompileAsync();

        var ticket = profile.MapRecord("tickets", await TableAsync("tickets")).Single(m => m.Entity == EntityKind.Ticket);

        Assert.Empty(ticket.Problems);
        Assert.Equal(("Urgent", "khoa@anhduong.vn"), (Text(ticket.InsertBody, "priority"), Text(ticket.InsertBody, "raised_by")));
        Assert.Equal(("2024-05-10", "10:00:00"), (Text(ticket.InsertBody, "opening_date"), Text(ticket.InsertBody, "opening_time")));
        Assert.Equal("Closed", Text(ticket.FinaliseStatus, "status"));
        Assert.Equal("2024-05-10 11:00:00", Text(ticket.FinaliseDates, "first_responded_on"));
        Assert.Equal("2024-05-11 09:00:00", Text(ticket.FinaliseDates, "resolution_date"));
        Assert.Contains(new EntityReference(EntityKind.Organisation, "Công ty Ánh Dương", "customer"), ticket.References);
    }

    [Fact]
    public async Task Conversations_split_into_replies_in_both_directions_and_a_private_note()
    {
        var profile = await CompileAsync();

        var mapped = profile.MapRecord("tickets", await TableAsync("tickets"));
        var byKey = mapped.ToDictionary(m => m.SourceKey);

        Assert.Equal(["Question", "Hỗ trợ kỹ thuật", "1201", "1201:description", "9001", "9003", "9002"], mapped.Select(m => m.SourceKey));
        Assert.Equal("Sent", Text(byKey["9001"].InsertBody, "sent_or_received"));
        Assert.Equal(("Received", "khoa@anhduong.vn"), (Text(byKey["9003"].InsertBody, "sent_or_received"), Text(byKey["9003"].InsertBody, "sender")));
        Assert.Equal("HD Ticket Comment", byKey["9002"].Doctype);
        // The agent's reply and note name the agent's user, which the run creates first; the customer's names nobody.
        Assert.Contains(new EntityReference(EntityKind.User, "hotro@example.vn", "commented_by"), byKey["9002"].References);
        Assert.Contains(new EntityReference(EntityKind.User, "hotro@example.vn", "user"), byKey["9001"].References);
        Assert.DoesNotContain(byKey["9003"].References, r => r.Entity == EntityKind.User);
        // Every message carries its writer's name as written (Frappe would run a contact's first and last name together).
        Assert.Equal("Phạm Minh Khoa", Text(byKey["1201:description"].InsertBody, "sender_full_name"));
        Assert.Equal("Phạm Minh Khoa", Text(byKey["9003"].InsertBody, "sender_full_name"));
        Assert.Equal("Lê Thị Hỗ Trợ", Text(byKey["9001"].InsertBody, "sender_full_name"));
        Assert.All(mapped, m => Assert.Empty(m.Problems));
    }

    [Fact]
    public async Task Messages_keep_their_recipients_and_copies_and_an_address_frappe_would_refuse_is_left_out_with_a_warning()
    {
        var profile = await CompileAsync();

        var withBadCopy = SourceTestRead.Utf8(System.Text.Encoding.UTF8.GetString(Dump).Replace("\"cc_emails\": [\"ke.toan@anhduong.vn\"]", "\"cc_emails\": [\"ke.toan@anhduong.vn\", \"sai địa chỉ\"]", StringComparison.Ordinal));

        var mapped = profile.MapRecord("tickets", await TableAsync("tickets"));
        var first = mapped.Single(m => m.SourceKey == "1201:description");
        var reply = mapped.Single(m => m.SourceKey == "9001");
        var replyWithBadCopy = profile.MapRecord("tickets", await TableAsync("tickets", withBadCopy)).Single(m => m.SourceKey == "9001");

        Assert.Equal("giam.doc@anhduong.vn", Text(first.InsertBody, "cc"));
        Assert.Equal(("khoa@anhduong.vn", "ke.toan@anhduong.vn"), (Text(reply.InsertBody, "recipients"), Text(reply.InsertBody, "cc")));
        Assert.Empty(reply.Problems);
        Assert.Equal("ke.toan@anhduong.vn", Text(replyWithBadCopy.InsertBody, "cc"));
        var warning = Assert.Single(replyWithBadCopy.Problems);
        Assert.Equal(("cc", MappingProblemCodes.EmailLeftOut, "sai địa chỉ"), (warning.Field, warning.Code, warning.Args[1]));
        Assert.False(replyWithBadCopy.HasErrors);
    }

    [Fact]
    public async Task Agents_become_users_without_a_welcome_email_and_helpdesk_agents()
    {
        var profile = await CompileAsync();

        var agent = profile.MapRecord("agents", await TableAsync("agents"));

        Assert.Equal([(EntityKind.User, "User"), (EntityKind.Agent, "HD Agent"), (EntityKind.Contact, "Contact")], agent.Select(m => (m.Entity, m.Doctype)));
        Assert.All(agent, m => Assert.Equal(("hotro@example.vn", 0), (m.SourceKey, m.Problems.Count)));
        Assert.Equal(("hotro@example.vn", "Lê", "Thị Hỗ Trợ", "0"), (Text(agent[0].InsertBody, "email"), Text(agent[0].InsertBody, "first_name"), Text(agent[0].InsertBody, "last_name"), agent[0].InsertBody["send_welcome_email"]?.ToJsonString()));
        Assert.Equal("Lê Thị Hỗ Trợ", Text(agent[1].InsertBody, "agent_name"));
        Assert.Equal(new EntityReference(EntityKind.User, "hotro@example.vn", "user"), Assert.Single(agent[1].References));
    }

    [Fact]
    public async Task A_ticket_an_agent_raised_finds_its_requester_among_the_agents()
    {
        var profile = await CompileAsync();
        var ticket = await TableAsync("tickets");
        var raisedByAgent = new SourceRecord(ticket.Locator, ticket.Schema, [.. ticket.Schema.Names.Select((n, i) => n == "requester_id" ? new SourceValue("77") : ticket.Values[i])], ticket.Children);

        var mapped = profile.MapRecord("tickets", raisedByAgent);
        var mappedTicket = mapped.Single(m => m.Entity == EntityKind.Ticket);

        Assert.Empty(mappedTicket.Problems);
        Assert.Equal("hotro@example.vn", Text(mappedTicket.InsertBody, "raised_by"));
        Assert.Contains(new EntityReference(EntityKind.Contact, "hotro@example.vn", "contact"), mappedTicket.References);
        Assert.Equal(("hotro@example.vn", "Lê Thị Hỗ Trợ"), (Text(mapped.Single(m => m.SourceKey == "1201:description").InsertBody, "sender"), Text(mapped.Single(m => m.SourceKey == "1201:description").InsertBody, "sender_full_name")));
    }

    [Fact]
    public async Task A_ticket_s_group_is_its_team_with_the_agent_who_answered_it_and_the_ticket_joins_it_with_its_status()
    {
        var profile = await CompileAsync();

        var mapped = profile.MapRecord("tickets", await TableAsync("tickets"));
        var team = mapped.Single(m => m.Entity == EntityKind.Team);
        var ticket = mapped.Single(m => m.Entity == EntityKind.Ticket);

        Assert.Equal(("HD Team", "Hỗ trợ kỹ thuật"), (team.Doctype, team.SourceKey));
        Assert.Equal("""{"team_name":"Hỗ trợ kỹ thuật","users":[{"user":"hotro@example.vn"}]}""", team.InsertBody.ToJsonString(Compact));
        Assert.Empty(team.Problems);
        // Not in the insert: the team goes with the status PUT, and the run writes its name in for the key.
        Assert.Null(ticket.InsertBody["agent_group"]);
        Assert.Equal("Hỗ trợ kỹ thuật", Text(ticket.FinaliseStatus, "agent_group"));
        Assert.Contains(new EntityReference(EntityKind.Team, "Hỗ trợ kỹ thuật", "agent_group", FieldStage.FinaliseStatus), ticket.References);
    }

    [Fact]
    public async Task Without_a_groups_list_tickets_get_no_team_and_nothing_fails()
    {
        var mapped = (await CompileWithoutAsync("groups")).MapRecord("tickets", await TableAsync("tickets"));

        Assert.All(mapped, m => Assert.Empty(m.Problems));
        Assert.DoesNotContain(mapped, m => m.Entity == EntityKind.Team);
        var ticket = mapped.Single(m => m.Entity == EntityKind.Ticket);
        Assert.DoesNotContain(ticket.References, r => r.Entity == EntityKind.Team);
        Assert.Equal("""{"status":"Closed"}""", ticket.FinaliseStatus?.ToJsonString());
    }

    /// <summary>The preset compiled from a dump that lacks the list <paramref name="table"/> (its lookups stay empty).</summary>
    private static async Task<CompiledProfile> CompileWithoutAsync(string table)
    {
        var profile = FreshdeskApiJsonPreset.Create(siteTimeZone: "Asia/Ho_Chi_Minh");
        var lookups = new MappingLookups();
        foreach (var spec in profile.Lookups!.Where(s => s.Table != table))
        {
            await lookups.AddAsync(spec, await SourceTestRead.OpenAsync(Dump, "dump.json", new SourceReadOptions(Table: spec.Table)), TestContext.Current.CancellationToken);
        }

        return ProfileCompiler.Compile(profile, Helpdesk122, lookups);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Without_an_agents_list_messages_name_no_agent_and_nothing_fails()
    {
        var mapped = (await CompileWithoutAsync("agents")).MapRecord("tickets", await TableAsync("tickets"));

        Assert.All(mapped, m => Assert.Empty(m.Problems));
        Assert.DoesNotContain(mapped.SelectMany(m => m.References), r => r.Entity == EntityKind.User);
        Assert.Null(mapped.Single(m => m.Entity == EntityKind.Ticket).Assign);
    }

    [Fact]
    public async Task A_ticket_s_agent_is_its_assignee_and_a_responder_who_is_no_agent_assigns_nobody()
    {
        var profile = await CompileAsync();
        var ticket = await TableAsync("tickets");
        var answeredByContact = new SourceRecord(ticket.Locator, ticket.Schema, [.. ticket.Schema.Names.Select((n, i) => n == "responder_id" ? new SourceValue("501") : ticket.Values[i])], ticket.Children);

        var assigned = profile.MapRecord("tickets", ticket).Single(m => m.Entity == EntityKind.Ticket);
        var notAnAgent = profile.MapRecord("tickets", answeredByContact).Single(m => m.Entity == EntityKind.Ticket);

        Assert.Equal("""{"assign_to":"hotro@example.vn"}""", assigned.Assign?.ToJsonString());
        Assert.Null(notAnAgent.Assign);
        Assert.Equal([RunStage.Users, RunStage.Agents, RunStage.Teams, RunStage.TicketTypes, RunStage.Organisations, RunStage.Contacts, RunStage.Tickets, RunStage.Conversations, RunStage.Finalise, RunStage.Assignments, RunStage.Attachments],
            RunStages.Of(FreshdeskApiJsonPreset.Create()));
    }

    [Fact]
    public async Task Contacts_keep_the_lower_cased_email_as_key_and_link_their_company()
    {
        var profile = await CompileAsync();

        var contact = Assert.Single(profile.MapRecord("contacts", await TableAsync("contacts")));

        Assert.Equal(("khoa@anhduong.vn", "Phạm", "Minh Khoa"), (contact.SourceKey, Text(contact.InsertBody, "first_name"), Text(contact.InsertBody, "last_name")));
        Assert.Equal(new EntityReference(EntityKind.Organisation, "Công ty Ánh Dương", "links.0.link_name"), Assert.Single(contact.References));
    }

    [Fact]
    public async Task A_contact_s_other_addresses_are_a_row_each_after_the_primary_and_one_frappe_cannot_read_is_left_out()
    {
        var profile = await CompileAsync();
        var record = Record(
            ("id", "502"), ("name", "Nguyễn Thị Lan"), ("email", "Lan@Haravan.vn"), ("mobile", "0987654321"), ("job_title", " Trưởng phòng CSKH "),
            ("other_emails", "Lan.Nguyen@Gmail.com,không-phải-email,lan.nguyen@gmail.com,ketoan@haravan.vn"));

        var contact = Assert.Single(profile.MapRecord("contacts", record));

        Assert.Equal(
            """[{"email_id":"lan@haravan.vn","is_primary":1},{"email_id":"lan.nguyen@gmail.com"},{"email_id":"ketoan@haravan.vn"}]""",
            contact.InsertBody["email_ids"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("Trưởng phòng CSKH", Text(contact.InsertBody, "designation"));
        // The mobile is the only number: one row, the office number's pruned.
        Assert.Equal("""[{"phone":"0987654321","is_primary_mobile_no":1}]""", contact.InsertBody["phone_nos"]!.ToJsonString());
        var problem = Assert.Single(contact.Problems);
        Assert.Equal((MappingProblemCodes.EmailLeftOut, "email_ids.*.email_id", MappingSeverity.Warning), (problem.Code, problem.Field, problem.Severity));

        var alone = Assert.Single(profile.MapRecord("contacts", Record(("id", "503"), ("name", "Trần Bình"), ("email", "binh@example.vn"), ("other_emails", ""))));
        Assert.Equal("""[{"email_id":"binh@example.vn","is_primary":1}]""", alone.InsertBody["email_ids"]!.ToJsonString());
    }
}
