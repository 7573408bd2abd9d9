using ImportPortal.Domain.Frappe;
using ImportPortal.Tests.Unit.Infrastructure;

namespace ImportPortal.Tests.Unit.Frappe;

public sealed class FrappeErrorDecoderTests
{
    [Theory]
    [InlineData("1.22.2", "02-post-hd-customer-duplicate.json", FrappeErrorKind.Duplicate, "DuplicateEntryError", "HD Customer Acme Corp already exists")]
    [InlineData("1.22.2", "probe2-02-ticket-src-id-dup.json", FrappeErrorKind.Duplicate, "UniqueValidationError", null)]
    [InlineData("1.22.2", "07-post-hd-ticket-bad-customer.json", FrappeErrorKind.DataError, "LinkValidationError", "Could not find Customer")]
    [InlineData("1.22.2", "08-post-hd-ticket-missing-subject.json", FrappeErrorKind.DataError, "MandatoryError", "Subject")]
    [InlineData("1.22.2", "probe-10-post-ticket-subject-too-long.json", FrappeErrorKind.DataError, "CharacterLengthExceededError", "140")]
    [InlineData("1.22.2", "probe-11-post-ticket-bad-email.json", FrappeErrorKind.DataError, "InvalidEmailAddressError", null)]
    [InlineData("1.22.2", "15-get-nonexistent-ticket.json", FrappeErrorKind.NotFound, "DoesNotExistError", "HD Ticket 999999 not found")]
    [InlineData("1.22.2", "probe-01-bad-token.json", FrappeErrorKind.AuthOrPermission, "AuthenticationError", null)]
    [InlineData("1.22.2", "probe-02-no-auth-whoami.json", FrappeErrorKind.AuthOrPermission, "PermissionError", null)]
    [InlineData("1.22.2", "18-put-hd-ticket-creation.json", FrappeErrorKind.DataError, "CannotChangeConstantError", "Created On")]
    [InlineData("1.4.0", "probe-13-post-ticket-bad-status.json", FrappeErrorKind.DataError, "ValidationError", "Status")]
    [InlineData("1.22.2", "probe-12-post-ticket-bad-priority.json", FrappeErrorKind.DataError, "LinkValidationError", "Could not find Priority: Critical")]
    public void Recorded_errors_decode_to_their_kind_type_and_message(string version, string file, FrappeErrorKind kind, string excType, string? messagePart)
    {
        var (status, contentType, body) = FrappeSamples.Response(version, file);
        Assert.True(status >= 400, $"{file} is not an error exchange (status {status})");

        var error = FrappeErrorDecoder.Decode(status, contentType, body);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(excType, error.ExcType);
        Assert.Equal(status, error.HttpStatus);
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, error.Summary, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<strong>", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_s_traceback_is_kept_apart_from_the_message_as_the_recordings_send_it()
    {
        var (status, contentType, body) = FrappeSamples.Response("1.22.2", "probe-12-post-ticket-bad-priority.json");

        var error = FrappeErrorDecoder.Decode(status, contentType, body);

        Assert.StartsWith("Traceback (most recent call last):", error.Traceback, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_traceback_keeps_its_innermost_frames_where_the_error_was_raised()
    {
        var frames = string.Concat(Enumerable.Repeat("  File \"apps/frappe/frappe/model/document.py\", line 1, in run_method\n", 200));
        var exc = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(new[]
        {
            $"Traceback (most recent call last):\n{frames}  File \"apps/frappe/frappe/core/doctype/user/user.py\", line 1121, in throttle_user_creation\nfrappe.exceptions.ValidationError: Đã vượt giới hạn",
        }));
        var body = $$"""{"exc_type": "ValidationError", "exc": {{exc}}, "exception": "frappe.exceptions.ValidationError: Đã vượt giới hạn"}""";

        var error = FrappeErrorDecoder.Decode(417, "application/json", body);

        Assert.Contains("in throttle_user_creation", error.Traceback, StringComparison.Ordinal);
        Assert.EndsWith("ValidationError: Đã vượt giới hạn", error.Traceback, StringComparison.Ordinal);
        Assert.True(error.Traceback!.Length <= 4000, $"{error.Traceback.Length} characters kept");
    }

    [Fact]
    public void Server_messages_are_decoded_twice_and_keep_Vietnamese_text()
    {
        var (status, contentType, body) = FrappeSamples.Response("1.22.2", "probe-19-insert-many-one-bad.json");

        var error = FrappeErrorDecoder.Decode(status, contentType, body);

        Assert.Equal("HD Customer Công ty TNHH Hải Đăng 959218 already exists", error.Messages.Single());
    }

    [Fact]
    public void A_Frappe_HTML_page_is_read_for_its_title_and_is_not_mistaken_for_a_proxy()
    {
        var (status, contentType, body) = FrappeSamples.Response("1.22.2", "probe-28-html-accept.json");

        var error = FrappeErrorDecoder.Decode(status, contentType, body);

        Assert.Equal(500, error.HttpStatus);
        Assert.Equal("Internal Server Error", error.Summary);
        Assert.False(error.IsProxyPage);
        Assert.Equal(FrappeErrorKind.ServerError, error.Kind);
    }

    [Theory]
    [InlineData(502, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "502 Bad Gateway")]
    [InlineData(504, "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>", "504 Gateway Time-out")]
    public void Proxy_pages_are_transient(int status, string html, string summary)
    {
        var error = FrappeErrorDecoder.Decode(status, "text/html", html);

        Assert.Equal(FrappeErrorKind.Transient, error.Kind);
        Assert.True(error.IsProxyPage);
        Assert.Equal(summary, error.Summary);
    }

    [Fact]
    public void A_deadlock_is_transient_and_a_rate_limit_keeps_its_retry_after()
    {
        var deadlock = FrappeErrorDecoder.Decode(500, "application/json", """{"exc_type":"QueryDeadlockError","exception":"frappe.exceptions.QueryDeadlockError: Deadlock found"}""");
        var limited = FrappeErrorDecoder.Decode(429, "application/json", """{"exc_type":"TooManyRequestsError"}""", TimeSpan.FromSeconds(7));

        Assert.Equal(FrappeErrorKind.Transient, deadlock.Kind);
        Assert.Equal(FrappeErrorKind.Transient, limited.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
    }

    [Fact]
    public void The_v2_errors_list_and_the_permission_message_are_read()
    {
        var v2 = FrappeErrorDecoder.Decode(417, "application/json",
            """{"errors":[{"type":"ValidationError","message":"Row #1: <b>Email</b> is invalid","title":"Message","indicator":"red"}],"messages":[]}""");
        var permission = FrappeErrorDecoder.Decode(403, "application/json",
            """{"exc_type":"PermissionError","_error_message":"You need the 'create' permission on <b>HD Ticket</b> to perform this action."}""");

        Assert.Equal(("ValidationError", FrappeErrorKind.DataError, "Row #1: Email is invalid"), (v2.ExcType, v2.Kind, v2.Summary));
        Assert.Equal("You need the 'create' permission on HD Ticket to perform this action.", permission.Summary);
        Assert.Equal(FrappeErrorKind.AuthOrPermission, permission.Kind);
    }

    [Fact]
    public void Broken_or_empty_bodies_still_give_a_usable_error()
    {
        var truncated = FrappeErrorDecoder.Decode(500, "application/json", """{"exc_type":"Query""");
        var empty = FrappeErrorDecoder.Decode(503, null, "");

        Assert.Equal(FrappeErrorKind.ServerError, truncated.Kind);
        Assert.NotEmpty(truncated.Summary);
        Assert.Equal(FrappeErrorKind.Transient, empty.Kind);
        Assert.Equal("HTTP 503", empty.Summary);
    }
}
