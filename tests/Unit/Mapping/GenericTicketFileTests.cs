using ImportPortal.Domain.Mapping;
using ImportPortal.Domain.Mapping.Presets;
using ImportPortal.Domain.Sources;

namespace ImportPortal.Tests.Unit.Mapping;

/// <summary>A ticket file from another system gets a profile read from its own headers, in Vietnamese or English.</summary>
public sealed class GenericTicketFileTests
{
    public static readonly string[] VietnameseHeaders =
        ["Mã phiếu", "Tiêu đề", "Nội dung", "Trạng thái", "Độ ưu tiên", "Loại", "Công ty", "Tên khách hàng", "Email khách hàng", "Số điện thoại", "Ngày tạo", "Ngày giải quyết"];

    [Fact]
    public void Vietnamese_headers_are_read_as_the_ticket_its_requester_organisation_type_and_first_message()
    {
        var profile = GenericTicketFile.Create(VietnameseHeaders);

        // Two ways to be a contact: the e-mail, or the phone of a customer without one.
        Assert.Equal([EntityKind.Organisation, EntityKind.Contact, EntityKind.Contact, EntityKind.TicketType, EntityKind.Ticket, EntityKind.Reply], profile.Entities.Select(e => e.Entity));
        Assert.Equal(["Email khách hàng", "Số điện thoại"], profile.Entities.Where(e => e.Entity == EntityKind.Contact).Select(e => e.Key.Value));
        Assert.All(profile.Entities, e => Assert.Equal("tickets", e.Source.Table));
        var compiled = ProfileCompiler.Compile(profile, MappingSites.Helpdesk122);
        Assert.Empty(compiled.MissingColumns("tickets", new SourceSchema(VietnameseHeaders)));
        Assert.DoesNotContain(compiled.Problems, p => p.Problem.Severity == MappingSeverity.Error);

        var row = MappingSites.Record(
            ("Mã phiếu", "17"), ("Tiêu đề", "Không in được hoá đơn"), ("Nội dung", "Máy in báo lỗi khi in hoá đơn."), ("Trạng thái", "Đã đóng"),
            ("Độ ưu tiên", "Cao"), ("Loại", "Hỗ trợ kỹ thuật"), ("Công ty", "Công ty TNHH Ánh Dương"), ("Tên khách hàng", "Trần Thị Bình"),
            ("Email khách hàng", "Binh.Tran@AnhDuong.vn"), ("Số điện thoại", "0901234567"), ("Ngày tạo", "2024-03-01 09:00:00"), ("Ngày giải quyết", "2024-03-02 10:30:00"));
        var mapped = compiled.MapRecord("tickets", row).ToDictionary(m => m.Entity);

        var ticket = mapped[EntityKind.Ticket];
        Assert.Equal("17", ticket.SourceKey);
        Assert.Equal("Không in được hoá đơn", MappingSites.Text(ticket.InsertBody, "subject"));
        Assert.Equal("binh.tran@anhduong.vn", MappingSites.Text(ticket.InsertBody, "raised_by"));
        Assert.Equal("High", MappingSites.Text(ticket.InsertBody, "priority"));
        // 09:00 in Ho Chi Minh is 02:00 UTC, the site's zone here.
        Assert.Equal(("2024-03-01", "02:00:00"), (MappingSites.Text(ticket.InsertBody, "opening_date"), MappingSites.Text(ticket.InsertBody, "opening_time")));
        Assert.Equal("Closed", MappingSites.Text(ticket.FinaliseStatus, "status"));
        Assert.Equal("2024-03-02 03:30:00", MappingSites.Text(ticket.FinaliseDates, "resolution_date"));
        Assert.Contains(new EntityReference(EntityKind.TicketType, "Hỗ trợ kỹ thuật", "ticket_type"), ticket.References);
        Assert.Contains(new EntityReference(EntityKind.Organisation, "Công ty TNHH Ánh Dương", "customer"), ticket.References);
        Assert.Equal("Trần", MappingSites.Text(mapped[EntityKind.Contact].InsertBody, "first_name"));
        Assert.Equal("Thị Bình", MappingSites.Text(mapped[EntityKind.Contact].InsertBody, "last_name"));
        Assert.Equal("17:description", mapped[EntityKind.Reply].SourceKey);
        Assert.Equal("Máy in báo lỗi khi in hoá đơn.", MappingSites.Text(mapped[EntityKind.Reply].InsertBody, "content"));
        Assert.All(mapped.Values, m => Assert.Empty(m.Problems));
    }

    [Fact]
    public void A_file_of_phone_calls_with_no_e_mail_column_makes_each_caller_a_contact_by_their_number()
    {
        string[] headers = ["Mã phiếu", "Tiêu đề", "Nội dung", "Tên khách hàng", "Số điện thoại", "Ngày tạo"];
        var profile = GenericTicketFile.Create(headers);

        // Only the contact by number: the e-mail's has no column; its "no e-mail" test holds for every row.
        var contact = Assert.Single(profile.Entities, e => e.Entity == EntityKind.Contact);
        Assert.Equal("Số điện thoại", contact.Key.Value);
        Assert.Null(contact.Filter?.Chain().FirstOrDefault(f => f.Column != "Số điện thoại"));
        var compiled = ProfileCompiler.Compile(profile, MappingSites.Helpdesk122);
        Assert.Empty(compiled.MissingColumns("tickets", new SourceSchema(headers)));

        var mapped = compiled.MapRecord("tickets", MappingSites.Record(
            ("Mã phiếu", "31"), ("Tiêu đề", "Khách gọi hỏi phí vận chuyển"), ("Nội dung", "Khách hỏi phí giao hàng đi Đà Nẵng."),
            ("Tên khách hàng", "Võ Minh Tâm"), ("Số điện thoại", "0935 111 222"), ("Ngày tạo", "2024-03-01 09:00:00")));

        var caller = Assert.Single(mapped, m => m.Entity == EntityKind.Contact);
        Assert.Equal("0935 111 222", caller.SourceKey);
        var ticket = Assert.Single(mapped, m => m.Entity == EntityKind.Ticket);
        Assert.Contains(new EntityReference(EntityKind.Contact, "0935 111 222", "contact"), ticket.References);
        Assert.DoesNotContain(mapped.SelectMany(m => m.Problems), p => p.Severity == MappingSeverity.Error);

        // A row without a number makes no contact.
        var anonymous = compiled.MapRecord("tickets", MappingSites.Record(("Mã phiếu", "32"), ("Tiêu đề", "Không rõ người gọi"), ("Ngày tạo", "2024-03-01 09:00:00")));
        Assert.DoesNotContain(anonymous, m => m.Entity == EntityKind.Contact);
    }

    [Fact]
    public void Another_system_s_english_headers_map_what_they_have_and_leave_out_what_they_lack()
    {
        string[] headers = ["Ticket Number", "Title", "Body", "State", "Customer Email", "Customer Name", "Created At", "Assignee"];

        var profile = GenericTicketFile.Create(headers);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Ticket ID"] = "Ticket Number", ["Subject"] = "Title", ["Description"] = "Body", ["Status"] = "State",
                ["Requester email"] = "Customer Email", ["Requester name"] = "Customer Name", ["Created time"] = "Created At", ["Agent"] = "Assignee",
            },
            GenericTicketFile.Match(headers));
        // No company, type or group column: no organisation, ticket type or team, and the ticket names none.
        Assert.Equal([EntityKind.Contact, EntityKind.Ticket, EntityKind.Reply], profile.Entities.Select(e => e.Entity));
        var ticket = profile.Entities.Single(e => e.Entity == EntityKind.Ticket);
        Assert.Equal("Ticket Number", ticket.Key.Value);
        Assert.DoesNotContain(ticket.Fields, f => f.Target is "customer" or "ticket_type" or "agent_group" or "resolution_date");
        Assert.Empty(ProfileCompiler.Compile(profile, MappingSites.Helpdesk122).MissingColumns("tickets", new SourceSchema(headers)));
    }

    [Fact]
    public void Headers_as_a_vietnamese_helpdesk_names_them_are_read_with_the_requester_s_name_phone_and_the_tags()
    {
        // Labels as a helpdesk translated to Vietnamese writes them (Freshdesk exports headers in the agent's language).
        string[] headers =
        [
            "ID phiếu", "Chủ đề", "Mô tả", "Trạng thái", "Mức độ ưu tiên", "Loại", "Công ty", "Tên người yêu cầu", "Email người yêu cầu",
            "Điện thoại người yêu cầu", "Nhân viên", "Nhóm", "Thời gian tạo", "Thời gian giải quyết", "Thời gian đóng", "Thẻ",
        ];

        var found = GenericTicketFile.Match(headers);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Ticket ID"] = "ID phiếu", ["Subject"] = "Chủ đề", ["Description"] = "Mô tả", ["Status"] = "Trạng thái", ["Priority"] = "Mức độ ưu tiên",
                ["Type"] = "Loại", ["Company"] = "Công ty", ["Requester name"] = "Tên người yêu cầu", ["Requester email"] = "Email người yêu cầu",
                ["Requester phone"] = "Điện thoại người yêu cầu", ["Agent"] = "Nhân viên", ["Group"] = "Nhóm", ["Created time"] = "Thời gian tạo",
                ["Resolved time"] = "Thời gian giải quyết", ["Closed time"] = "Thời gian đóng", ["Tags"] = "Thẻ",
            },
            found.OrderBy(f => Array.IndexOf(headers, f.Value)).ToDictionary());
        var ticket = GenericTicketFile.Create(headers).Entities.Single(e => e.Entity == EntityKind.Ticket);
        Assert.Contains(ticket.Fields, f => f is { Stage: FieldStage.Tags, Value: "Thẻ" });
        Assert.Empty(ProfileCompiler.Compile(GenericTicketFile.Create(headers), MappingSites.Helpdesk122).MissingColumns("tickets", new SourceSchema(headers)));
    }

    [Fact]
    public void A_file_without_an_id_column_keeps_its_ticket_for_the_operator_to_key()
    {
        string[] headers = ["Tiêu đề", "Email"];

        var profile = GenericTicketFile.Create(headers);

        var ticket = Assert.Single(profile.Entities, e => e.Entity == EntityKind.Ticket);
        Assert.Equal("Ticket ID", ticket.Key.Value);
        Assert.Equal(["Ticket ID"], ProfileCompiler.Compile(profile, MappingSites.Helpdesk122).MissingColumns("tickets", new SourceSchema(headers)));
        Assert.Contains(ticket.Fields, f => f is { Target: "subject", Value: "Tiêu đề" });
    }

    [Fact]
    public void A_sheet_of_a_workbook_is_read_by_its_name_and_an_agent_s_email_assigns_the_ticket()
    {
        string[] headers = ["Số phiếu", "Tiêu đề", "Email khách hàng", "Email nhân viên"];

        var profile = GenericTicketFile.Create(headers, table: "Phiếu 2024");
        var compiled = ProfileCompiler.Compile(profile, MappingSites.Helpdesk122);
        var ticket = compiled.MapRecord("Phiếu 2024", MappingSites.Record(("Số phiếu", "9"), ("Tiêu đề", "Hỏi giá"), ("Email khách hàng", "a@example.vn"), ("Email nhân viên", " HoTro@Haravan.vn ")))
            .Single(m => m.Entity == EntityKind.Ticket);

        Assert.All(profile.Entities, e => Assert.Equal("Phiếu 2024", e.Source.Table));
        Assert.Equal("9", ticket.SourceKey);
        Assert.Equal("""{"assign_to":"hotro@haravan.vn"}""", ticket.Assign?.ToJsonString());
        Assert.Contains(ImportPortal.Domain.Migration.RunStage.Assignments, ImportPortal.Domain.Migration.RunStages.Of(profile));
        Assert.DoesNotContain(profile.Entities.Single(e => e.Entity == EntityKind.Contact).Fields, f => f.Value == "Email nhân viên");
    }

    [Fact]
    public void A_group_column_makes_the_ticket_s_team_with_the_agent_of_the_e_mail_column_or_else_of_the_name_column()
    {
        string[] withEmail = ["Mã phiếu", "Tiêu đề", "Nhóm hỗ trợ", "Nhân viên phụ trách", "Email nhân viên"];
        string[] withName = ["Mã phiếu", "Tiêu đề", "Nhóm", "Người phụ trách"];

        var byEmail = ProfileCompiler.Compile(GenericTicketFile.Create(withEmail), MappingSites.Helpdesk122).MapRecord("tickets", MappingSites.Record(
            ("Mã phiếu", "5"), ("Tiêu đề", "Hỏi giá"), ("Nhóm hỗ trợ", " Kế toán "), ("Nhân viên phụ trách", "Lê Thị Hỗ Trợ"), ("Email nhân viên", "HoTro@Haravan.vn")));
        var byName = ProfileCompiler.Compile(GenericTicketFile.Create(withName), MappingSites.Helpdesk122).MapRecord("tickets", MappingSites.Record(
            ("Mã phiếu", "6"), ("Tiêu đề", "Hỏi giá"), ("Nhóm", "Kế toán"), ("Người phụ trách", "Lê Thị Hỗ Trợ")));

        var team = byEmail.Single(m => m.Entity == EntityKind.Team);
        Assert.Equal(("HD Team", "Kế toán"), (team.Doctype, team.SourceKey));
        Assert.Equal(["hotro@haravan.vn"], Members(team));
        Assert.Equal(["Lê Thị Hỗ Trợ"], Members(byName.Single(m => m.Entity == EntityKind.Team)));
        Assert.All(new[] { byEmail, byName }.Select(m => m.Single(e => e.Entity == EntityKind.Ticket)), ticket =>
            Assert.Contains(new EntityReference(EntityKind.Team, "Kế toán", "agent_group", FieldStage.FinaliseStatus), ticket.References));
        Assert.Equal("Nhóm", GenericTicketFile.SuggestKey(EntityKind.Team, withName));
    }

    private static List<string?> Members(MappedEntity team) =>
        team.InsertBody["users"]!.AsArray().Select(u => u!["user"]?.ToString()).ToList();

    [Fact]
    public void A_new_entity_s_key_is_suggested_by_the_column_names_and_none_when_nothing_fits()
    {
        Assert.Equal("Mã phiếu", GenericTicketFile.SuggestKey(EntityKind.Ticket, VietnameseHeaders));
        Assert.Equal("Email khách hàng", GenericTicketFile.SuggestKey(EntityKind.Contact, VietnameseHeaders));
        Assert.Equal("Công ty", GenericTicketFile.SuggestKey(EntityKind.Organisation, VietnameseHeaders));
        Assert.Equal("Loại", GenericTicketFile.SuggestKey(EntityKind.TicketType, VietnameseHeaders));
        Assert.Equal("Email nhân viên", GenericTicketFile.SuggestKey(EntityKind.User, ["Email khách hàng", "Email nhân viên"]));
        Assert.Null(GenericTicketFile.SuggestKey(EntityKind.Ticket, ["Tiêu đề", "Nội dung"]));
        Assert.Null(GenericTicketFile.SuggestKey(EntityKind.PrivateNote, VietnameseHeaders));
    }
}
