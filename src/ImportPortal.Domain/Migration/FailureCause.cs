using System.Text;
using System.Text.RegularExpressions;

namespace ImportPortal.Domain.Migration;

/// <summary>
/// What failed records have in common: a failure's message with the values that differ from record to record (the
/// missing customer, the bad address, the ticket waited on) taken out of it, and the first value taken out. A
/// migration's thousand failures are a handful of causes, each fixed once.
/// </summary>
/// <param name="Template">The message with each value replaced by <see cref="Gap"/>.</param>
/// <param name="Value">
/// The text taken out at the template's first <see cref="Gap"/> (the value the operator fixes: the missing customer, the
/// record waited on), or null when nothing was.
/// </param>
public sealed partial record FailureCause(string Template, string? Value)
{
    /// <summary>Where a value was taken out.</summary>
    public const string Gap = "…";

    private const string Joint = " · ";

    public static FailureCause Of(string? message)
    {
        var text = (message ?? "").Trim();
        if (Dependency().Match(text) is { Success: true } dependency)
        {
            // The record waited on is the value ("Ticket 9001"): it is what the operator fixes, and its own failure is the cause.
            var inner = Of(dependency.Groups["cause"].Value);
            return new($"{dependency.Groups["head"].Value}{Gap}{dependency.Groups["joint"].Value}{inner.Template}", dependency.Groups["what"].Value);
        }

        if (EarlierMessage().Match(text) is { Success: true } earlier)
        {
            return new($"{earlier.Groups["head"].Value}{Gap}{earlier.Groups["tail"].Value}", earlier.Groups["what"].Value);
        }

        if (text.Contains(Joint, StringComparison.Ordinal))
        {
            // Frappe's messages of one answer, joined: each keeps its own wording; the first gap is the first part's that has one.
            var parts = text.Split(Joint).Select(Of).ToList();
            return new(string.Join(Joint, parts.Select(p => p.Template)), parts.Select(p => p.Value).FirstOrDefault(v => v is not null));
        }

        return OfOne(text);
    }

    /// <summary>
    /// A SQL <c>LIKE</c> pattern (escape character <c>\</c>) that a message of this cause matches: the template's own
    /// wildcard characters escaped, each <see cref="Gap"/> a wildcard — but the first, when <paramref name="value"/> is
    /// given: the messages that took out that value there.
    /// </summary>
    public static string LikePattern(string template, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var pattern = new StringBuilder(template.Length + 8);
        foreach (var c in template)
        {
            if (c == '…' && value is not null)
            {
                Escape(pattern, value);
                value = null;
                continue;
            }

            pattern.Append(c == '…' ? "%" : Escaped(c));
        }

        return pattern.ToString();
    }

    private static void Escape(StringBuilder pattern, string text)
    {
        foreach (var c in text)
        {
            pattern.Append(Escaped(c));
        }
    }

    private static string Escaped(char c) => c is '\\' or '%' or '_' ? "\\" + c : c.ToString();

    private static FailureCause OfOne(string text)
    {
        // Frappe's link validation: "Could not find Priority: Khẩn cấp", "Could not find Row #2: Link Name: Công ty A".
        if (CouldNotFind().Match(text) is { Success: true } link)
        {
            return new($"Could not find {link.Groups["label"].Value}: {Gap}", link.Groups["value"].Value);
        }

        // Frappe's format checks: "khach hang@gmail is not a valid Email Address", "090 123 is not a valid Phone Number".
        if (NotValid().Match(text) is { Success: true } invalid)
        {
            return new($"{Gap} is not a valid {invalid.Groups["what"].Value}", invalid.Groups["value"].Value);
        }

        // Frappe's select check: ' Status cannot be "Chờ khách". It should be one of "Open", "Replied", ...': the options stay.
        if (NotAnOption().Match(text) is { Success: true } option)
        {
            return new($"{option.Groups["label"].Value} cannot be \"{Gap}\".{option.Groups["rest"].Value}", option.Groups["value"].Value);
        }

        // Frappe's length check names the document and repeats the whole value: the field and the limit are the cause.
        if (Truncated().Match(text) is { Success: true } truncated)
        {
            return new($"{truncated.Groups["doctype"].Value} {Gap}: '{truncated.Groups["label"].Value}' ({Gap}) will get truncated, as max characters allowed is {truncated.Groups["max"].Value}",
                truncated.Groups["name"].Value);
        }

        string? value = null;
        var template = Values().Replace(text, m =>
        {
            var quoted = m.Groups["quoted"];
            value ??= quoted.Success ? quoted.Value : m.Value;
            return quoted.Success ? $"{m.Value[0]}{Gap}{m.Value[^1]}" : Gap;
        });
        return new(template, value);
    }

    [GeneratedRegex(@"^(?<head>dependency (?:failed|missing): )(?<what>\w+ .+?)(?<joint> — | was not imported$)(?<cause>.*)$", RegexOptions.Singleline)]
    private static partial Regex Dependency();

    [GeneratedRegex(@"^(?<head>an earlier message of this ticket failed \()(?<what>\w+ .+)(?<tail>\); messages are sent in order)$", RegexOptions.Singleline)]
    private static partial Regex EarlierMessage();

    [GeneratedRegex(@"^Could not find (?<label>(?:Row #\d+: )?[^:]+): (?<value>.+)$", RegexOptions.Singleline)]
    private static partial Regex CouldNotFind();

    [GeneratedRegex(@"^(?<value>.+) is not a valid (?<what>[\p{L} ]+)$", RegexOptions.Singleline)]
    private static partial Regex NotValid();

    [GeneratedRegex("^(?<label>[^\"]+) cannot be \"(?<value>[^\"]*)\"\\.(?<rest> It should be one of .*)$", RegexOptions.Singleline)]
    private static partial Regex NotAnOption();

    [GeneratedRegex(@"^(?<doctype>.+?) (?<name>\S+): '(?<label>[^']+)' \(.*\) will get truncated, as max characters allowed is (?<max>\d+)$", RegexOptions.Singleline)]
    private static partial Regex Truncated();

    /// <summary>Quoted text, e-mail addresses, links and numbers standing alone (not the 8 of "utf8mb4").</summary>
    [GeneratedRegex("""(?<![\p{L}\d-])(?:"(?<quoted>[^"\n]{1,200})"|'(?<quoted>[^'\n]{1,200})'|“(?<quoted>[^”\n]{1,200})”)|[^\s@"'(<]+@[^\s@"')>]+\.[\p{L}]{2,}|https?://[^\s"'<>]+|(?<![\p{L}\d\-.])#?\d(?:[\d.,:/\-]*\d)?(?![\p{L}\d])""")]
    private static partial Regex Values();
}
