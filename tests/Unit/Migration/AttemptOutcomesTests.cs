using System.Globalization;
using ImportPortal.Domain.Frappe;
using ImportPortal.Domain.Migration;
using ImportPortal.Runs;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// A record's attempt log keeps each request's outcome in English; the team reads the portal's words of it in Vietnamese,
/// and the site's words as the site wrote them.
/// </summary>
public sealed class AttemptOutcomesTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static TheoryData<string, string> Outcomes() => new()
    {
        { AttemptOutcomes.Created, "đã tạo" },
        { AttemptOutcomes.NotFound, "không tìm thấy" },
        { AttemptOutcomes.Found("HD-TICKET-00012"), "tìm thấy HD-TICKET-00012" },
        { AttemptOutcomes.Found("Nguyễn Thị Hoa of Hà Nội"), "tìm thấy Nguyễn Thị Hoa of Hà Nội" },
        { AttemptOutcomes.FoundOf(3, 5), "tìm thấy 3 trên 5" },
        { AttemptOutcomes.Bytes(20480), "20480 byte" },
        { AttemptOutcomes.KeepsLink(AttemptOutcomes.NotCopied), "không sao chép được. Ảnh giữ nguyên liên kết cũ." },
        { AttemptOutcomes.KeepsLink("HTTP 403 Forbidden"), "HTTP 403 Forbidden Ảnh giữ nguyên liên kết cũ." },
        { AttemptOutcomes.Of(FrappeErrorKind.DataError), "Dữ liệu bị từ chối" },
        { AttemptOutcomes.Of(FrappeErrorKind.UnknownFate), "Chưa rõ kết quả" },
        { AttemptOutcomes.SlaNotFound, "không tìm thấy: thời gian phản hồi và giải quyết được tính theo giờ đồng hồ" },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void The_portals_outcome_reads_in_vietnamese_and_stays_as_stored_in_english(string stored, string vietnamese)
    {
        Assert.Equal(vietnamese, PortalTexts.Outcome(stored, Vietnamese));
        Assert.Equal(stored, PortalTexts.Outcome(stored, English));
    }

    [Theory]
    [InlineData("Could not find Priority: Khẩn cấp")]
    [InlineData("found")]
    [InlineData("Connection refused (127.0.0.1:8000)")]
    [InlineData("")]
    public void Words_that_are_not_the_portals_read_as_they_came(string stored)
    {
        Assert.Null(AttemptOutcomes.ReadBack(stored));
        Assert.Equal(stored, PortalTexts.Outcome(stored, Vietnamese));
    }

    [Theory]
    [InlineData("vi", "thành viên không được thêm vào: lan.tran@haravan.vn, Trần Văn Bình")]
    [InlineData("en", "members left out: lan.tran@haravan.vn, Trần Văn Bình")]
    public void A_teams_members_left_out_read_in_the_readers_language_and_a_request_as_it_was_sent(string culture, string shown)
    {
        var stored = AttemptOutcomes.MembersLeftOut(["lan.tran@haravan.vn", "Trần Văn Bình"]);

        Assert.Equal("members left out: lan.tran@haravan.vn, Trần Văn Bình", stored);
        Assert.Equal(shown, PortalTexts.Request(stored, CultureInfo.GetCultureInfo(culture)));
        Assert.Equal("POST HD Ticket", PortalTexts.Request("POST HD Ticket", CultureInfo.GetCultureInfo(culture)));
        Assert.Equal("GET HD Agent?agent_name=members left out: x", PortalTexts.Request("GET HD Agent?agent_name=members left out: x", CultureInfo.GetCultureInfo(culture)));
        Assert.Equal(string.Empty, PortalTexts.Request(null, CultureInfo.GetCultureInfo(culture)));
    }

    [Fact]
    public void Every_kind_of_refusal_has_its_sentence()
    {
        Assert.All(Enum.GetValues<FrappeErrorKind>(), kind =>
            Assert.Equal($"Attempt.Kind.{kind}", AttemptOutcomes.ReadBack(AttemptOutcomes.Of(kind))?.Key));
    }
}
