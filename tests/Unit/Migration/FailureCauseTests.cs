using ImportPortal.Domain.Migration;

namespace ImportPortal.Tests.Unit.Migration;

/// <summary>
/// A failure's cause is its message without the values that differ from record to record: the messages below are
/// Frappe's as recorded from a real server (frappe-samples) and the portal's own.
/// </summary>
public sealed class FailureCauseTests
{
    [Theory]
    [InlineData("Could not find Priority: Critical", "Could not find Priority: …", "Critical")]
    [InlineData("Could not find Customer: Công ty TNHH Hải Đăng", "Could not find Customer: …", "Công ty TNHH Hải Đăng")]
    [InlineData("Could not find Row #1: Link Name: No Such Customer", "Could not find Row #1: Link Name: …", "No Such Customer")]
    [InlineData("khach hang@gmail is not a valid Email Address", "… is not a valid Email Address", "khach hang@gmail")]
    [InlineData("090 765 4321 (anh Nam) is not a valid Phone Number", "… is not a valid Phone Number", "090 765 4321 (anh Nam)")]
    [InlineData("Status cannot be \"Chờ khách\". It should be one of \"Open\", \"Replied\", \"Resolved\", \"Closed\"",
        "Status cannot be \"…\". It should be one of \"Open\", \"Replied\", \"Resolved\", \"Closed\"", "Chờ khách")]
    [InlineData("HD Ticket 8: 'Subject' (Phiếu rất dài rất dài) will get truncated, as max characters allowed is 140",
        "HD Ticket …: 'Subject' (…) will get truncated, as max characters allowed is 140", "8")]
    [InlineData("HD Ticket 0002 not found", "HD Ticket … not found", "0002")]
    [InlineData("Error: Value missing for HD Ticket: Subject", "Error: Value missing for HD Ticket: Subject", null)]
    [InlineData("Tiêu đề này bị từ chối", "Tiêu đề này bị từ chối", null)]
    [InlineData("Value cannot be changed for Created On", "Value cannot be changed for Created On", null)]
    public void Frappes_messages_keep_their_wording_and_give_up_the_value(string message, string template, string? value)
    {
        var cause = FailureCause.Of(message);

        Assert.Equal(template, cause.Template);
        Assert.Equal(value, cause.Value);
        AssertValueIsAtTheFirstGap(message, cause);
    }

    [Theory]
    [InlineData("dependency failed: Ticket 9001 — Could not find Customer: Công ty 3", "dependency failed: … — Could not find Customer: …", "Ticket 9001")]
    [InlineData("dependency failed: Contact tran.thi@example.vn — skipped", "dependency failed: … — skipped", "Contact tran.thi@example.vn")]
    [InlineData("dependency missing: Organisation Công ty 7 was not imported", "dependency missing: … was not imported", "Organisation Công ty 7")]
    [InlineData("an earlier message of this ticket failed (Reply 42:r3); messages are sent in order",
        "an earlier message of this ticket failed (…); messages are sent in order", "Reply 42:r3")]
    public void A_record_waiting_on_a_failed_one_names_it_and_keeps_its_cause(string message, string template, string value)
    {
        var cause = FailureCause.Of(message);

        Assert.Equal(template, cause.Template);
        Assert.Equal(value, cause.Value);
        AssertValueIsAtTheFirstGap(message, cause);
    }

    [Fact]
    public void Values_standing_alone_are_taken_out_and_words_holding_digits_are_not()
    {
        var cause = FailureCause.Of("hotro.le@haravan.vn answered 503 for https://files.example.vn/a/1.png after 6 attempts; \"Công ty 4\" stays utf8mb4");

        Assert.Equal("… answered … for … after … attempts; \"…\" stays utf8mb4", cause.Template);
        Assert.Equal("hotro.le@haravan.vn", cause.Value);
        AssertValueIsAtTheFirstGap("hotro.le@haravan.vn answered", cause);
    }

    [Fact]
    public void Messages_of_one_answer_keep_each_its_own_cause()
    {
        var cause = FailureCause.Of("Could not find Priority: Khẩn cấp · nguyen@@x is not a valid Email Address");

        Assert.Equal("Could not find Priority: … · … is not a valid Email Address", cause.Template);
        Assert.Equal("Khẩn cấp", cause.Value);
    }

    [Theory]
    [InlineData("Could not find Priority: …", null, "Could not find Priority: %")]
    [InlineData("dependency failed: … — Could not find Customer: …", "Ticket 9_1%", "dependency failed: Ticket 9\\_1\\% — Could not find Customer: %")]
    [InlineData("100% of_rows \\ …", null, "100\\% of\\_rows \\\\ %")]
    public void A_template_becomes_a_like_pattern_whose_only_wildcards_are_its_gaps_and_a_value_fills_the_first(string template, string? value, string pattern)
    {
        Assert.Equal(pattern, FailureCause.LikePattern(template, value));
    }

    private static void AssertValueIsAtTheFirstGap(string message, FailureCause cause)
    {
        var gap = cause.Template.IndexOf(FailureCause.Gap, StringComparison.Ordinal);
        Assert.Equal(gap < 0, cause.Value is null);
        if (gap >= 0)
        {
            Assert.StartsWith(cause.Template[..gap] + cause.Value, message.Trim(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_message_is_an_empty_cause()
    {
        Assert.Equal(new FailureCause("", null), FailureCause.Of(null));
    }
}
