using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Sources;
using ImportPortal.TestData;
using ImportPortal.Tests.Unit.Sources;
using static ImportPortal.Tests.Unit.Mapping.MappingSites;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class FreshdeskTicketExportPresetTests
{
    private static async Task<List<SourceRecord>> TicketsAsync(int rows)
    {
        var (_, records) = await SourceTestRead.ReadAsync(FreshdeskSampleWriter.TicketCsv(rows), "tickets.csv");
        return records;
    }

    private static IReadOnlyList<MappedEntity> Map(SourceRecord record) =>
        ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122).MapRecord("tickets", record);

    [Fact]
    public void The_preset_compiles_against_helpdesk_without_profile_problems()
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);

        Assert.All(compiled.Problems, p => Assert.Equal(MappingProblemCodes.RequiredUnmapped, p.Problem.Code));
        Assert.Equal(["Facebook profile id", "Initial response time"], compiled.MissingColumns("tickets", new SourceSchema(FreshdeskSampleWriter.TicketHeaders)));
    }

    [Fact]
    public async Task A_ticket_row_yields_its_company_requester_ticket_and_first_message()
    {
        var record = (await TicketsAsync(4))[3];

        var mapped = Map(record);

        Assert.Equal([EntityKind.Organisation, EntityKind.Contact, EntityKind.TicketType, EntityKind.Team, EntityKind.Ticket, EntityKind.Reply], mapped.Select(m => m.Entity));
        Assert.All(mapped, m => Assert.Empty(m.Problems));
        Assert.Equal(("HD Customer", "Công ty 3"), (mapped[0].Doctype, mapped[0].SourceKey));
        Assert.Equal("Công ty 3", Text(mapped[0].InsertBody, "customer_name"));

        // The ticket's type is made (or found) first, and the ticket names it through the ledger.
        Assert.Equal(("HD Ticket Type", "Question"), (mapped[2].Doctype, mapped[2].SourceKey));
        Assert.Equal("""{"name":"Question"}""", mapped[2].InsertBody.ToJsonString());
        Assert.Contains(new EntityReference(EntityKind.TicketType, "Question", "ticket_type"), mapped[4].References);
        Assert.False(mapped[4].InsertBody.ContainsKey("ticket_type"));

        // Its group is its team, with the agent who answered it (by the name the export gives), joined with the status PUT.
        Assert.Equal(("HD Team", "Billing"), (mapped[3].Doctype, mapped[3].SourceKey));
        Assert.Equal("""{"team_name":"Billing","users":[{"user":"Lê Thị Hỗ Trợ"}]}""", mapped[3].InsertBody.ToJsonString(Compact));
        Assert.Contains(new EntityReference(EntityKind.Team, "Billing", "agent_group", FieldStage.FinaliseStatus), mapped[4].References);
    }

    [Fact]
    public async Task The_ticket_s_tags_go_after_its_finalise_and_an_untagged_ticket_has_none()
    {
        var rows = await TicketsAsync(2);

        var tagged = Map(rows[0]).Single(m => m.Entity == EntityKind.Ticket);
        var untagged = Map(rows[1]).Single(m => m.Entity == EntityKind.Ticket);

        Assert.Equal("""{"tags":["vip","hoa-don"]}""", tagged.Tags?.ToJsonString());
        Assert.Null(untagged.Tags);
    }

    [Fact]
    public async Task The_requester_becomes_a_contact_with_a_vietnamese_name_split_and_an_email_row()
    {
        var contact = Map((await TicketsAsync(1))[0]).Single(m => m.Entity == EntityKind.Contact);

        Assert.Equal("khach0@example.vn", contact.SourceKey);
        Assert.Equal("Nguyễn", Text(contact.InsertBody, "first_name"));
        Assert.Equal("Văn Anh", Text(contact.InsertBody, "last_name"));
        Assert.Equal("""[{"email_id":"khach0@example.vn","is_primary":1}]""", contact.InsertBody["email_ids"]!.ToJsonString());
        Assert.Equal("""[{"link_doctype":"HD Customer"}]""", contact.InsertBody["links"]!.ToJsonString());
        Assert.Equal(new EntityReference(EntityKind.Organisation, "Công ty 0", "links.0.link_name"), Assert.Single(contact.References));
    }

    [Fact]
    public async Task The_ticket_body_carries_the_opening_time_and_leaves_status_and_dates_to_the_finalise_puts()
    {
        // Row 4 (index 3): created 2024-01-01 09:51 in Ho Chi Minh, Closed, resolved five hours later.
        var ticket = Map((await TicketsAsync(4))[3]).Single(m => m.Entity == EntityKind.Ticket);

        Assert.Equal("4", ticket.SourceKey);
        Assert.Equal("4", Text(ticket.InsertBody, "custom_source_id"));
        Assert.Equal("2024-01-01", Text(ticket.InsertBody, "opening_date"));
        Assert.Equal("02:51:00", Text(ticket.InsertBody, "opening_time"));
        Assert.Equal("Low", Text(ticket.InsertBody, "priority"));
        Assert.False(ticket.InsertBody.ContainsKey("status"));
        Assert.False(ticket.InsertBody.ContainsKey("description"));
        Assert.Equal("""{"status":"Closed","agent_group":"Billing"}""", ticket.FinaliseStatus!.ToJsonString());
        Assert.Equal("""{"resolution_date":"2024-01-01 07:51:00"}""", ticket.FinaliseDates!.ToJsonString());
        Assert.Contains(new EntityReference(EntityKind.Contact, "khach3@example.vn", "contact"), ticket.References);
        Assert.Contains(new EntityReference(EntityKind.Organisation, "Công ty 3", "customer"), ticket.References);
        Assert.Contains(ticket.LinkChecks, c => c.Check == new LinkCheck("HD Ticket Priority", "Low"));
        Assert.Contains(ticket.LinkChecks, c => c.Check == new LinkCheck("HD Ticket Status", "Closed"));
    }

    [Fact]
    public async Task Freshdesk_pending_becomes_replied_and_an_open_ticket_has_no_dates_put()
    {
        var records = await TicketsAsync(2);

        var open = Map(records[0]).Single(m => m.Entity == EntityKind.Ticket);
        var pending = Map(records[1]).Single(m => m.Entity == EntityKind.Ticket);

        Assert.Null(open.FinaliseDates);
        Assert.Equal("Open", Text(open.FinaliseStatus, "status"));
        Assert.Equal("Replied", Text(pending.FinaliseStatus, "status"));
    }

    [Fact]
    public async Task The_description_becomes_the_first_received_communication_on_the_ticket()
    {
        var reply = Map((await TicketsAsync(1))[0]).Single(m => m.Entity == EntityKind.Reply);

        Assert.Equal(("Communication", "1:description"), (reply.Doctype, reply.SourceKey));
        Assert.Equal("Received", Text(reply.InsertBody, "sent_or_received"));
        Assert.Equal("Communication", Text(reply.InsertBody, "communication_type"));
        Assert.Equal("Email", Text(reply.InsertBody, "communication_medium"));
        Assert.Equal("khach0@example.vn", Text(reply.InsertBody, "sender"));
        // The writer's name as the export has it: Frappe would run the contact's first and last name together.
        Assert.Equal(FreshdeskSampleWriter.RequesterName(0), Text(reply.InsertBody, "sender_full_name"));
        Assert.Equal("HD Ticket", Text(reply.InsertBody, "reference_doctype"));
        Assert.Equal("2024-01-01 01:00:00", Text(reply.InsertBody, "communication_date"));
        Assert.StartsWith("Xin chào,\nTôi là Nguyễn Văn Anh", Text(reply.InsertBody, "content"), StringComparison.Ordinal);
        Assert.Equal(new EntityReference(EntityKind.Ticket, "1", "reference_name"), Assert.Single(reply.References));
    }

    [Fact]
    public void The_optional_contacts_and_companies_exports_map_through_the_same_preset()
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);
        var contact = Record(("Full name", "Lê Thị Hồng"), ("Title", "Kế toán trưởng"), ("Email", "Hong@Example.vn"), ("Work phone", "0901234567"), ("Company", "Công ty 7"));
        var company = Record(("Company Name", "Công ty 7"), ("Domains for this company", "cty7.vn"));

        var person = Assert.Single(compiled.MapRecord("contacts", contact));
        var org = Assert.Single(compiled.MapRecord("companies", company));

        Assert.Equal(("hong@example.vn", "Lê", "Thị Hồng"), (person.SourceKey, Text(person.InsertBody, "first_name"), Text(person.InsertBody, "last_name")));
        Assert.Equal("""[{"phone":"0901234567","is_primary_phone":1}]""", person.InsertBody["phone_nos"]!.ToJsonString());
        Assert.Equal("Kế toán trưởng", Text(person.InsertBody, "designation"));
        Assert.Equal(("Công ty 7", "Công ty 7", "cty7.vn"), (org.SourceKey, Text(org.InsertBody, "customer_name"), Text(org.InsertBody, "domain")));
    }

    [Theory]
    [InlineData("0901234567", "0912345678", """[{"phone":"0901234567","is_primary_phone":1},{"phone":"0912345678","is_primary_mobile_no":1}]""")]
    [InlineData(null, "+84 912 345 678", """[{"phone":"+84 912 345 678","is_primary_mobile_no":1}]""")]
    [InlineData("028 3822 1234", "  ", """[{"phone":"028 3822 1234","is_primary_phone":1}]""")]
    public void A_contact_keeps_its_mobile_number_as_a_row_of_its_own(string? work, string? mobile, string rows)
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);

        var person = Assert.Single(compiled.MapRecord("contacts", Record(("Full name", "Lê Thị Hồng"), ("Email", "hong@example.vn"), ("Work phone", work), ("Mobile phone", mobile))));

        Assert.Equal(rows, person.InsertBody["phone_nos"]!.ToJsonString(Compact));
    }

    [Theory]
    [InlineData("Hong@Example.vn", "0901 234 567", "0912345678", "@binh_tran", "hong@example.vn")]
    [InlineData("", "0901 234 567", "0912345678", "@binh_tran", "0901 234 567")]
    [InlineData(" ", "", " 0912345678 ", "", "0912345678")]
    [InlineData("", "", "", "@Binh_Tran", "@binh_tran")]
    [InlineData("", "", "", "", "kh-000123")]
    public void A_listed_contact_is_their_e_mail_else_their_number_else_their_twitter_handle_else_their_external_id(string email, string work, string mobile, string twitter, string key)
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);

        var person = Assert.Single(compiled.MapRecord("contacts", Record(("Full name", "Trần Văn Bình"), ("Email", email), ("Work phone", work), ("Mobile phone", mobile),
            ("Twitter", twitter), ("Unique external ID", "KH-000123"))));

        // The key is in the external-id field too, which is how the site is asked for a contact with no e-mail or number.
        Assert.Equal((key, key), (person.SourceKey, Text(person.InsertBody, "custom_source_id")));
        Assert.Equal(email.Trim().Length > 0, person.InsertBody.ContainsKey("email_ids"));
        Assert.Empty(person.Problems);
    }

    [Fact]
    public void A_caller_listed_in_the_contacts_export_and_on_a_ticket_is_one_contact_by_the_same_number()
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);

        var listed = Assert.Single(compiled.MapRecord("contacts", Record(("Full name", "Phạm Thị Hoa"), ("Email", ""), ("Work phone", " 0903 123 456 "))));
        var ticket = compiled.MapRecord("tickets", Record(("Ticket ID", "77"), ("Subject", "Gọi tổng đài"), ("Requester name", "Phạm Thị Hoa"),
            ("Requester email", ""), ("Requester phone", "0903 123 456"), ("Created time", "2024-03-01 09:00:00")));

        var caller = Assert.Single(ticket, m => m.Entity == EntityKind.Contact);
        Assert.Equal((listed.Doctype, listed.SourceKey), (caller.Doctype, caller.SourceKey));
        Assert.Contains(new EntityReference(EntityKind.Contact, listed.SourceKey, "contact"), Assert.Single(ticket, m => m.Entity == EntityKind.Ticket).References);
    }

    [Fact]
    public void A_contact_without_phone_or_company_gets_no_empty_rows()
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);

        var person = Assert.Single(compiled.MapRecord("contacts", Record(("Full name", "An"), ("Email", "an@example.vn"))));

        Assert.False(person.InsertBody.ContainsKey("phone_nos"));
        Assert.False(person.InsertBody.ContainsKey("links"));
        Assert.Empty(person.References);
    }

    [Fact]
    public void On_helpdesk_1_28_the_contact_joins_its_organisation_as_a_member_instead_of_a_link()
    {
        var profile = FreshdeskTicketExportPreset.Create() with { ContactLinkStyle = ContactLinkStyle.CustomerMembers };
        var compiled = ProfileCompiler.Compile(profile, Helpdesk122);

        var person = Assert.Single(compiled.MapRecord("contacts", Record(("Full name", "An"), ("Email", "an@example.vn"), ("Company", "Công ty 7"))));

        Assert.False(person.InsertBody.ContainsKey("links"));
        Assert.Equal(new EntityReference(EntityKind.Organisation, "Công ty 7", "contacts"), Assert.Single(person.MemberOf));
    }

    [Fact]
    public void A_customer_who_called_without_an_e_mail_is_their_phone_number_and_their_ticket_links_to_them()
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);
        var row = Record(("Ticket ID", "77"), ("Subject", "Gọi tổng đài: không vào được cửa hàng"), ("Description", "Khách gọi lúc 9 giờ."),
            ("Requester name", "Phạm Thị Hoa"), ("Requester email", ""), ("Requester phone", " 0903 123 456 "), ("Company", "Công ty 7"),
            ("Status", "Open"), ("Priority", "Medium"), ("Created time", "2024-03-01 09:00:00"));

        var mapped = compiled.MapRecord("tickets", row);

        var contact = Assert.Single(mapped, m => m.Entity == EntityKind.Contact);
        Assert.Equal(("Contact", "0903 123 456"), (contact.Doctype, contact.SourceKey));
        Assert.Equal("""[{"phone":"0903 123 456","is_primary_phone":1}]""", contact.InsertBody["phone_nos"]!.ToJsonString(Compact));
        Assert.False(contact.InsertBody.ContainsKey("email_ids"));
        Assert.Equal("Phạm Thị Hoa", $"{Text(contact.InsertBody, "first_name")} {Text(contact.InsertBody, "last_name")}".Trim());
        Assert.Empty(contact.Problems);

        // The ticket names its customer through the ledger and goes without raised_by, which Frappe fills with the API
        // user: said as a warning, never an error, so the ticket is sent.
        var ticket = Assert.Single(mapped, m => m.Entity == EntityKind.Ticket);
        Assert.Contains(new EntityReference(EntityKind.Contact, "0903 123 456", "contact"), ticket.References);
        Assert.False(ticket.InsertBody.ContainsKey("raised_by"));
        var warning = Assert.Single(ticket.Problems);
        Assert.Equal((MappingProblemCodes.RequesterWithoutEmail, MappingSeverity.Warning, "raised_by"), (warning.Code, warning.Severity, warning.Field));
        Assert.Equal(new[] { "raised_by", "0903 123 456" }, warning.Args);

        // Its first message shows the caller by name, from no address.
        var message = Assert.Single(mapped, m => m.Entity == EntityKind.Reply);
        Assert.False(message.InsertBody.ContainsKey("sender"));
        Assert.Equal("Phạm Thị Hoa", Text(message.InsertBody, "sender_full_name"));
    }

    [Fact]
    public void A_customer_who_wrote_on_facebook_only_is_their_profile_id_with_their_name_and_their_ticket_links_to_them()
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);
        var row = Record(("Ticket ID", "79"), ("Subject", "Nhắn tin Facebook: hỏi phí vận chuyển"), ("Description", "Shop ơi, phí ship bao nhiêu?"),
            ("Requester name", "Đỗ Thị Thu"), ("Requester email", ""), ("Requester phone", ""), ("Facebook profile id", " 100004123456789 "),
            ("Status", "Open"), ("Created time", "2024-03-01 09:00:00"));

        var mapped = compiled.MapRecord("tickets", row);

        var contact = Assert.Single(mapped, m => m.Entity == EntityKind.Contact);
        Assert.Equal(("Contact", "100004123456789", "100004123456789"), (contact.Doctype, contact.SourceKey, Text(contact.InsertBody, "custom_source_id")));
        Assert.Equal("Đỗ Thị Thu", $"{Text(contact.InsertBody, "first_name")} {Text(contact.InsertBody, "last_name")}".Trim());
        Assert.False(contact.InsertBody.ContainsKey("email_ids"));
        Assert.False(contact.InsertBody.ContainsKey("phone_nos"));
        Assert.Empty(contact.Problems);
        var ticket = Assert.Single(mapped, m => m.Entity == EntityKind.Ticket);
        Assert.Contains(new EntityReference(EntityKind.Contact, "100004123456789", "contact"), ticket.References);
        Assert.Equal([MappingProblemCodes.RequesterWithoutEmail], ticket.Problems.Select(p => p.Code));

        // A phone, when there is one, stays who they are: one contact, by the number.
        var called = compiled.MapRecord("tickets", Record(("Ticket ID", "80"), ("Subject", "Gọi lại"), ("Requester name", "Đỗ Thị Thu"), ("Requester email", ""),
            ("Requester phone", "0903 123 456"), ("Facebook profile id", "100004123456789"), ("Created time", "2024-03-01 09:00:00")));
        Assert.Equal(["0903 123 456"], called.Where(m => m.Entity == EntityKind.Contact).Select(m => m.SourceKey));
    }

    [Fact]
    public void A_requester_with_an_e_mail_stays_their_e_mail_and_one_with_neither_e_mail_nor_phone_is_said_to_name_nobody()
    {
        var compiled = ProfileCompiler.Compile(FreshdeskTicketExportPreset.Create(), Helpdesk122);
        (string, string?)[] Row(string email, string phone) =>
            [("Ticket ID", "78"), ("Subject", "Hỏi về hoá đơn"), ("Requester name", "Lê Văn Nam"), ("Requester email", email), ("Requester phone", phone), ("Created time", "2024-03-01 09:00:00")];

        var withEmail = compiled.MapRecord("tickets", Record(Row("nam@example.vn", "0903 123 456")));
        var contact = Assert.Single(withEmail, m => m.Entity == EntityKind.Contact);
        Assert.Equal("nam@example.vn", contact.SourceKey);
        var ticket = Assert.Single(withEmail, m => m.Entity == EntityKind.Ticket);
        Assert.Equal("nam@example.vn", Text(ticket.InsertBody, "raised_by"));
        Assert.Contains(new EntityReference(EntityKind.Contact, "nam@example.vn", "contact"), ticket.References);
        Assert.Empty(ticket.Problems);

        var nobody = compiled.MapRecord("tickets", Record(Row("", "")));
        Assert.DoesNotContain(nobody, m => m.Entity == EntityKind.Contact);
        var unnamed = Assert.Single(nobody, m => m.Entity == EntityKind.Ticket);
        Assert.DoesNotContain(unnamed.References, r => r.Entity == EntityKind.Contact);
        Assert.Equal([(MappingProblemCodes.RequesterMissing, MappingSeverity.Warning)], unnamed.Problems.Select(p => (p.Code, p.Severity)));
    }

    private static readonly System.Text.Json.JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
