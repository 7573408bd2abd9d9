using ImportPortal.Domain.Mapping;
using static ImportPortal.Tests.Unit.Mapping.MappingSites;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class TransformTests
{
    private static FieldMapping Field(string target, string column, params TransformStep[] steps) => new(target, FieldOrigin.Column, column, steps);

    [Theory]
    [InlineData("Nguyễn Văn Anh", "Nguyễn", "Văn Anh")]
    [InlineData("  Trần   Thị  Ngọc   Lan ", "Trần", "Thị Ngọc Lan")]
    [InlineData("Hoa", "Hoa", "")]
    [InlineData("   ", "", "")]
    public void Vietnamese_names_keep_the_family_name_first_so_frappe_shows_them_as_written(string full, string first, string last)
    {
        Assert.Equal(first, PersonName.FirstName(full, NameOrder.Vietnamese));
        Assert.Equal(last, PersonName.LastName(full, NameOrder.Vietnamese));
    }

    [Theory]
    [InlineData("John Smith", "John", "Smith")]
    [InlineData("Mary Ann  Smith", "Mary Ann", "Smith")]
    [InlineData("Cher", "Cher", "")]
    public void Western_names_put_the_family_name_last(string full, string first, string last)
    {
        Assert.Equal(first, PersonName.FirstName(full, NameOrder.Western));
        Assert.Equal(last, PersonName.LastName(full, NameOrder.Western));
    }

    [Fact]
    public void An_email_list_keeps_each_address_once_and_leaves_out_one_frappe_would_refuse_the_message_for_with_a_warning()
    {
        var record = Record(("Cc", "Kế Toán <ke.toan@anhduong.vn>; giam.doc@anhduong.vn,khong-hop-le , KE.TOAN@anhduong.vn"));
        var unreadable = Record(("Cc", "không có ai"));

        var mapped = MapTicketField(Field("summary", "Cc", new TransformStep(TransformKind.EmailList)), record);
        var none = MapTicketField(Field("summary", "Cc", new TransformStep(TransformKind.EmailList)), unreadable);

        Assert.Equal("ke.toan@anhduong.vn, giam.doc@anhduong.vn", Text(mapped.InsertBody, "summary"));
        var problem = Assert.Single(mapped.Problems);
        Assert.Equal((MappingProblemCodes.EmailLeftOut, MappingSeverity.Warning, "khong-hop-le"), (problem.Code, problem.Severity, problem.Args[1]));
        Assert.False(none.InsertBody.ContainsKey("summary"));
        Assert.Equal(MappingProblemCodes.EmailLeftOut, Assert.Single(none.Problems).Code);
    }

    [Fact]
    public void The_profile_chooses_the_name_order_for_the_split_transforms()
    {
        var record = Record(("Name", "John Smith"));
        var mapped = MapTicketField(Field("summary", "Name", new TransformStep(TransformKind.LastName)), record, p => p with { NameOrder = NameOrder.Western });

        Assert.Equal("Smith", Text(mapped.InsertBody, "summary"));
    }

    [Fact]
    public void A_freshdesk_time_in_Ho_Chi_Minh_becomes_utc_for_a_utc_site()
    {
        var record = Record(("Created time", "2024-01-15 10:00:00"));
        var created = MapTicketField(Field("service_level_agreement_creation", "Created time", new TransformStep(TransformKind.DateTime)), record);
        var date = MapTicketField(Field("opening_date", "Created time", new TransformStep(TransformKind.Date)), record);
        var time = MapTicketField(Field("opening_time", "Created time", new TransformStep(TransformKind.Time)), record);

        Assert.Equal("2024-01-15 03:00:00", Text(created.InsertBody, "service_level_agreement_creation"));
        Assert.Equal("2024-01-15", Text(date.InsertBody, "opening_date"));
        Assert.Equal("03:00:00", Text(time.InsertBody, "opening_time"));
    }

    [Fact]
    public void An_early_morning_time_moves_to_the_previous_day_on_a_utc_site()
    {
        var record = Record(("Created time", "2024-01-15 05:30:00"));
        var date = MapTicketField(Field("opening_date", "Created time", new TransformStep(TransformKind.Date)), record);

        Assert.Equal("2024-01-14", Text(date.InsertBody, "opening_date"));
    }

    [Theory]
    [InlineData("2024-01-15T10:00:00Z", "2024-01-15 17:00:00")]
    [InlineData("2024-01-15T10:00:00+07:00", "2024-01-15 10:00:00")]
    [InlineData("2024-01-15T10:00:00.123-05:00", "2024-01-15 22:00:00")]
    public void An_offset_in_the_source_is_honoured_whatever_the_source_zone(string source, string expected)
    {
        var record = Record(("At", source));
        var mapped = MapTicketField(Field("resolution_date", "At", new TransformStep(TransformKind.DateTime)), record,
            p => p with { SourceTimeZone = "America/New_York", SiteTimeZone = "Asia/Ho_Chi_Minh" });

        Assert.Equal(expected, Text(mapped.InsertBody, "resolution_date"));
    }

    [Theory]
    [InlineData("2024-01-15 10:00:00", "2024-01-15 15:00:00")]
    [InlineData("2024-07-15 10:00:00", "2024-07-15 14:00:00")]
    [InlineData("2024-03-10 02:30:00", "2024-03-10 07:30:00")]
    public void A_zone_with_daylight_saving_uses_the_offset_of_the_day(string source, string expected)
    {
        var record = Record(("At", source));
        var mapped = MapTicketField(Field("resolution_date", "At", new TransformStep(TransformKind.DateTime)), record,
            p => p with { SourceTimeZone = "America/New_York" });

        Assert.Equal(expected, Text(mapped.InsertBody, "resolution_date"));
    }

    [Fact]
    public void A_step_can_name_its_own_zone()
    {
        var record = Record(("At", "2024-01-15 10:00:00"));
        var mapped = MapTicketField(Field("resolution_date", "At", new TransformStep(TransformKind.DateTime, "Europe/London")), record);

        Assert.Equal("2024-01-15 10:00:00", Text(mapped.InsertBody, "resolution_date"));
    }

    [Fact]
    public void A_step_can_state_a_local_date_format()
    {
        var record = Record(("At", "15/01/2024 10:00"));
        var mapped = MapTicketField(Field("resolution_date", "At", new TransformStep(TransformKind.DateTime, "dd/MM/yyyy HH:mm")), record);

        Assert.Equal("2024-01-15 03:00:00", Text(mapped.InsertBody, "resolution_date"));
    }

    [Theory]
    [InlineData("hôm qua")]
    [InlineData("2024-13-45 10:00:00")]
    public void An_unreadable_date_is_a_problem_on_its_field(string source)
    {
        var mapped = MapTicketField(Field("opening_date", "At", new TransformStep(TransformKind.Date)), Record(("At", source)));

        var problem = Assert.Single(mapped.Problems);
        Assert.Equal(("opening_date", MappingProblemCodes.BadDate, MappingSeverity.Error), (problem.Field, problem.Code, problem.Severity));
        Assert.Equal(source, problem.Args[1]);
        Assert.False(mapped.InsertBody.ContainsKey("opening_date"));
    }

    [Fact]
    public void An_unknown_value_with_a_fallback_takes_the_fallback_and_warns()
    {
        var map = new Dictionary<string, string> { ["Urgent"] = "Urgent" };
        var mapped = MapTicketField(Field("priority", "P", new TransformStep(TransformKind.ValueMap, Map: map, Fallback: "Medium")), Record(("P", "Gấp lắm")));

        Assert.Equal("Medium", Text(mapped.InsertBody, "priority"));
        var problem = Assert.Single(mapped.Problems);
        Assert.Equal((MappingProblemCodes.UnknownValueFallback, MappingSeverity.Warning), (problem.Code, problem.Severity));
        Assert.Equal(["priority", "Gấp lắm", "Medium"], problem.Args);
    }

    [Fact]
    public void An_unknown_value_without_a_fallback_is_an_error_and_is_left_out()
    {
        var map = new Dictionary<string, string> { ["2"] = "Open" };
        var mapped = MapTicketField(Field("priority", "P", new TransformStep(TransformKind.ValueMap, Map: map)), Record(("P", "9")));

        Assert.False(mapped.InsertBody.ContainsKey("priority"));
        Assert.Equal(MappingProblemCodes.UnknownValue, Assert.Single(mapped.Problems).Code);
    }

    [Fact]
    public void Value_maps_ignore_case_and_surrounding_spaces()
    {
        var map = new Dictionary<string, string> { ["Pending"] = "Replied" };
        var mapped = MapTicketField(Field("priority", "S", new TransformStep(TransformKind.ValueMap, Map: map)), Record(("S", " pending ")));

        Assert.Equal("Replied", Text(mapped.InsertBody, "priority"));
    }

    [Fact]
    public void Html_is_stripped_on_request_and_kept_otherwise()
    {
        var record = Record(("Body", "<p>Xin chào <b>anh</b> &amp; chị</p>"));

        var stripped = MapTicketField(Field("description", "Body", new TransformStep(TransformKind.StripHtml)), record);
        var kept = MapTicketField(Field("description", "Body"), record);

        Assert.Equal("Xin chào anh & chị", Text(stripped.InsertBody, "description"));
        Assert.Equal("<p>Xin chào <b>anh</b> &amp; chị</p>", Text(kept.InsertBody, "description"));
    }

    [Theory]
    [InlineData("", "Question")]
    [InlineData("   ", "Question")]
    [InlineData("Bug", "Bug")]
    public void A_default_fills_an_empty_value(string source, string expected)
    {
        var mapped = MapTicketField(Field("ticket_type", "Type", new TransformStep(TransformKind.Trim), new TransformStep(TransformKind.Default, "Question")), Record(("Type", source)));

        Assert.Equal(expected, Text(mapped.InsertBody, "ticket_type"));
    }

    [Fact]
    public void Trim_lower_and_upper_change_the_text()
    {
        var record = Record(("E", "  KHACH@Example.VN "));

        Assert.Equal("khach@example.vn", Text(MapTicketField(Field("raised_by", "E", new TransformStep(TransformKind.Trim), new TransformStep(TransformKind.Lower)), record).InsertBody, "raised_by"));
        Assert.Equal("KHACH@EXAMPLE.VN", Text(MapTicketField(Field("raised_by", "E", new TransformStep(TransformKind.Trim), new TransformStep(TransformKind.Upper)), record).InsertBody, "raised_by"));
    }

    [Fact]
    public void A_template_fills_its_columns_and_warns_about_a_missing_one()
    {
        var record = Record(("Subject", " Không đăng nhập được "), ("Ticket ID", "42"));

        var ok = MapTicketField(new FieldMapping("subject", FieldOrigin.Template, "{Subject} (#{Ticket ID}) {{x}}"), record);
        var missing = MapTicketField(new FieldMapping("subject", FieldOrigin.Template, "{Subject} [{Nhóm}]"), record);

        Assert.Equal("Không đăng nhập được (#42) {x}", Text(ok.InsertBody, "subject"));
        Assert.Empty(ok.Problems);
        Assert.Equal("Không đăng nhập được []", Text(missing.InsertBody, "subject"));
        var problem = Assert.Single(missing.Problems);
        Assert.Equal((MappingProblemCodes.ColumnMissing, "Nhóm"), (problem.Code, problem.Args[1]));
    }

    [Fact]
    public void A_constant_is_written_as_is()
    {
        var mapped = MapTicketField(new FieldMapping("ticket_type", FieldOrigin.Constant, "Question"), Record(("X", "y")));

        Assert.Equal("Question", Text(mapped.InsertBody, "ticket_type"));
    }

    [Fact]
    public void Check_and_int_fields_are_written_as_numbers()
    {
        var mapped = MapTicketField(Field("via_customer_portal", "Portal"), Record(("Portal", "true")));

        Assert.Equal(1, mapped.InsertBody["via_customer_portal"]!.GetValue<int>());
    }
}
