using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImportPortal.Domain.Frappe;

/// <summary>
/// Turns an error answer from Frappe into a <see cref="FrappeError"/>: the v1 body (<c>exc_type</c>,
/// <c>_server_messages</c> decoded twice, <c>_error_message</c>), the v2 <c>errors</c> list, and the HTML pages that
/// proxies and Frappe itself send instead of JSON. Classification reads <c>exc_type</c> and the status, never message text.
/// </summary>
public static partial class FrappeErrorDecoder
{
    private static readonly HashSet<string> DuplicateTypes = new(StringComparer.Ordinal) { "DuplicateEntryError", "UniqueValidationError" };

    private static readonly HashSet<string> TransientTypes = new(StringComparer.Ordinal)
    {
        "QueryDeadlockError", "QueryTimeoutError", "TooManyRequestsError", "RateLimitExceededError",
        "SessionStopped", "InReadOnlyMode", "QueueOverloaded",
    };

    private static readonly HashSet<string> AuthTypes = new(StringComparer.Ordinal)
    {
        "AuthenticationError", "PermissionError", "SessionExpired", "CSRFTokenError",
        "InvalidAuthorizationHeader", "InvalidAuthorizationPrefix", "InvalidAuthorizationToken",
    };

    public static FrappeError Decode(int status, string? mediaType, string? body, TimeSpan? retryAfter = null)
    {
        body ??= "";
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return FromJson(status, json.RootElement, retryAfter);
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the text rules.
            }
        }

        var isHtml = (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false) || trimmed.StartsWith('<');
        return isHtml ? FromHtml(status, body, retryAfter) : FromText(status, body, retryAfter);
    }

    /// <summary>The kind of failure for a status and (when Frappe sent one) its exception type.</summary>
    public static FrappeErrorKind Classify(int status, string? excType) => excType switch
    {
        not null when DuplicateTypes.Contains(excType) => FrappeErrorKind.Duplicate,
        not null when TransientTypes.Contains(excType) => FrappeErrorKind.Transient,
        not null when AuthTypes.Contains(excType) => FrappeErrorKind.AuthOrPermission,
        "DoesNotExistError" or "PageDoesNotExistError" => FrappeErrorKind.NotFound,
        _ => status switch
        {
            409 => FrappeErrorKind.Duplicate,
            401 or 403 => FrappeErrorKind.AuthOrPermission,
            404 => FrappeErrorKind.NotFound,
            408 or 429 or 502 or 503 or 504 => FrappeErrorKind.Transient,
            400 or 413 or 415 or 417 or 422 => FrappeErrorKind.DataError,
            _ => FrappeErrorKind.ServerError,
        },
    };

    private static FrappeError FromJson(int status, JsonElement root, TimeSpan? retryAfter)
    {
        var excType = StringProperty(root, "exc_type");
        var messages = new List<string>();
        AddServerMessages(root, messages);
        AddIfText(messages, StringProperty(root, "_error_message"));
        AddV2Errors(root, messages, ref excType);
        if (messages.Count == 0 && status == 401)
        {
            AddIfText(messages, StringProperty(root, "message"));
        }

        var detail = StringProperty(root, "exception");
        return new FrappeError(Classify(status, excType), status, excType, messages, RetryAfter: retryAfter, Detail: detail, Traceback: Traceback(root));
    }

    /// <summary>The last frames of the server's traceback (<c>exc</c>: a JSON string of a list of tracebacks), when it sends one.</summary>
    private static string? Traceback(JsonElement root)
    {
        const int Tail = 4000;
        if (StringProperty(root, "exc") is not { Length: > 0 } encoded)
        {
            return null;
        }

        string text;
        try
        {
            using var list = JsonDocument.Parse(encoded);
            text = list.RootElement.ValueKind == JsonValueKind.Array
                ? string.Join("\n", list.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()))
                : encoded;
        }
        catch (JsonException)
        {
            text = encoded;
        }

        return text.Length > Tail ? text[^Tail..] : text;
    }

    private static void AddServerMessages(JsonElement root, List<string> messages)
    {
        // A JSON string holding a JSON list whose items are themselves JSON strings of objects.
        if (StringProperty(root, "_server_messages") is not { } encoded)
        {
            return;
        }

        try
        {
            using var list = JsonDocument.Parse(encoded);
            if (list.RootElement.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var item in list.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    AddMessageObject(item.GetString()!, messages);
                }
                else if (item.ValueKind == JsonValueKind.Object)
                {
                    AddIfText(messages, StringProperty(item, "message"));
                }
            }
        }
        catch (JsonException)
        {
            AddIfText(messages, encoded);
        }
    }

    private static void AddMessageObject(string json, List<string> messages)
    {
        try
        {
            using var message = JsonDocument.Parse(json);
            var text = message.RootElement.ValueKind == JsonValueKind.Object
                ? StringProperty(message.RootElement, "message")
                : message.RootElement.ValueKind == JsonValueKind.String ? message.RootElement.GetString() : null;
            AddIfText(messages, text);
        }
        catch (JsonException)
        {
            AddIfText(messages, json);
        }
    }

    private static void AddV2Errors(JsonElement root, List<string> messages, ref string? excType)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
        {
            excType ??= StringProperty(error, "type");
            AddIfText(messages, StringProperty(error, "message"));
        }
    }

    private static FrappeError FromHtml(int status, string body, TimeSpan? retryAfter)
    {
        var title = FirstMatch(HtmlTitle(), body) ?? FirstMatch(HtmlHeading(), body);
        var text = title is null ? null : HtmlText.ToPlainText(title);
        var isProxy = status is 502 or 503 or 504;
        var kind = isProxy ? FrappeErrorKind.Transient : Classify(status, null);
        return new FrappeError(kind, status, null, text is { Length: > 0 } ? [text] : [], isProxy, retryAfter, "HTML page instead of JSON");
    }

    private static FrappeError FromText(int status, string body, TimeSpan? retryAfter)
    {
        var text = body.Trim();
        var message = text.Length > 300 ? text[..300] + "…" : text;
        return new FrappeError(Classify(status, null), status, null, message.Length > 0 ? [message] : [], RetryAfter: retryAfter);
    }

    private static void AddIfText(List<string> messages, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var plain = HtmlText.ToPlainText(text);
        if (plain.Length > 0 && !messages.Contains(plain))
        {
            messages.Add(plain);
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? FirstMatch(Regex regex, string body) => regex.Match(body) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlTitle();

    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlHeading();
}
