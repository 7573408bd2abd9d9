using ImportPortal.Domain.Mapping;
using ImportPortal.TestData;
using static ImportPortal.Tests.Unit.Mapping.MappingSites;

namespace ImportPortal.Tests.Unit.Mapping;

public sealed class HeaderMatcherTests
{
    [Fact]
    public void Freshdesk_ticket_headers_find_their_helpdesk_fields()
    {
        var candidates = HeaderMatcher.Suggest(FreshdeskSampleWriter.TicketHeaders, Helpdesk122["HD Ticket"]);

        var assigned = HeaderMatcher.Assign(candidates).ToDictionary(c => c.Header, c => c.Field);

        Assert.Equal("custom_source_id", assigned["Ticket ID"]);
        Assert.Equal("subject", assigned["Subject"]);
        Assert.Equal("description", assigned["Description"]);
        Assert.Equal("status", assigned["Status"]);
        Assert.Equal("priority", assigned["Priority"]);
        Assert.Equal("ticket_type", assigned["Type"]);
        Assert.Equal("raised_by", assigned["Requester email"]);
        Assert.Equal("opening_date", assigned["Created time"]);
        Assert.Equal("resolution_date", assigned["Resolved time"]);
        Assert.Equal("agent_group", assigned["Group"]);
    }

    [Fact]
    public void A_renamed_file_with_vietnamese_headers_is_matched_with_scores_to_confirm()
    {
        string[] headers = ["Mã yêu cầu", "Tiêu đề", "EMAIL KHÁCH HÀNG", "Ngày tạo", "Trạng thái", "Mức độ ưu tiên", "Nội dung", "Cột linh tinh"];

        var candidates = HeaderMatcher.Suggest(headers, Helpdesk122["HD Ticket"]);
        var assigned = HeaderMatcher.Assign(candidates).ToDictionary(c => c.Header);

        Assert.Equal("custom_source_id", assigned["Mã yêu cầu"].Field);
        Assert.Equal("subject", assigned["Tiêu đề"].Field);
        Assert.Equal(("raised_by", 100), (assigned["EMAIL KHÁCH HÀNG"].Field, assigned["EMAIL KHÁCH HÀNG"].Score));
        Assert.Equal("opening_date", assigned["Ngày tạo"].Field);
        Assert.Equal("status", assigned["Trạng thái"].Field);
        Assert.Equal("priority", assigned["Mức độ ưu tiên"].Field);
        Assert.Equal("description", assigned["Nội dung"].Field);
        Assert.False(assigned.ContainsKey("Cột linh tinh"));
    }

    [Fact]
    public void A_suggestion_comes_with_the_transforms_its_field_needs()
    {
        var candidates = HeaderMatcher.Suggest(["Ngày tạo", "Email khách hàng"], Helpdesk122["HD Ticket"]);

        var date = candidates.First(c => c.Header == "Ngày tạo");
        var email = candidates.First(c => c.Header == "Email khách hàng");

        Assert.Equal(new FieldMapping("opening_date", FieldOrigin.Column, "Ngày tạo"), date.Proposal with { Transforms = null });
        Assert.Equal([TransformKind.Date], date.Proposal.Transforms!.Select(t => t.Kind));
        Assert.Contains(email.Proposal.Transforms!, t => t.Kind == TransformKind.Email);
    }

    [Fact]
    public void A_message_s_headers_match_in_both_languages_and_its_recipients_and_copies_are_lists_of_addresses()
    {
        var candidates = HeaderMatcher.Suggest(["Người gửi", "Người nhận", "Đồng gửi", "Nội dung tin nhắn", "Ngày gửi"], Helpdesk122["Communication"]);
        var assigned = HeaderMatcher.Assign(candidates).ToDictionary(c => c.Header, c => c.Field);

        Assert.Equal(("sender", "recipients", "cc", "content", "communication_date"),
            (assigned["Người gửi"], assigned["Người nhận"], assigned["Đồng gửi"], assigned["Nội dung tin nhắn"], assigned["Ngày gửi"]));
        Assert.Equal([TransformKind.EmailList], candidates.First(c => c.Header == "Đồng gửi" && c.Field == "cc").Proposal.Transforms!.Select(t => t.Kind));
        Assert.Equal([TransformKind.EmailList], candidates.First(c => c.Header == "Người nhận" && c.Field == "recipients").Proposal.Transforms!.Select(t => t.Kind));
    }

    [Fact]
    public void Contact_headers_match_in_both_languages()
    {
        var assigned = HeaderMatcher.Assign(HeaderMatcher.Suggest(["Họ và tên", "Địa chỉ email", "Số điện thoại", "Công ty"], Helpdesk122["Contact"]))
            .ToDictionary(c => c.Header, c => c.Field);

        Assert.Equal("first_name", assigned["Họ và tên"]);
        Assert.Equal("email_id", assigned["Địa chỉ email"]);
        Assert.Equal("phone", assigned["Số điện thoại"]);
        Assert.Equal("company_name", assigned["Công ty"]);
    }

    [Theory]
    [InlineData("Tiêu đề", "tieu de")]
    [InlineData("Đơn vị (Công ty)", "don vi cong ty")]
    public void Folding_drops_accents_case_and_punctuation(string text, string folded) => Assert.Equal(folded, HeaderMatcher.Fold(text));
}
