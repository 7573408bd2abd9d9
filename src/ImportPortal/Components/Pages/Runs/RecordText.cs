using System.Globalization;
using ImportPortal.Resources;
using ImportPortal.Runs;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Components.Pages.Runs;

/// <summary>A record's error in the operator's language: the portal's own sentences translated, Frappe's words as it sent them.</summary>
internal static class RecordText
{
    public static string Error(IStringLocalizer<RunResource> texts, RecordLine line)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(line);
        var kind = line.ErrorKind is { } k ? texts[$"Kind.{k}"].Value : texts[$"Record.{line.State}"].Value;
        var where = string.Join(' ', new[] { line.HttpStatus?.ToString(CultureInfo.InvariantCulture), line.ExcType }.Where(s => !string.IsNullOrEmpty(s)));
        return string.Join(" · ", new[] { kind, where, Message(line) }.Where(s => !string.IsNullOrEmpty(s)));
    }

    /// <summary>The record's message: its sentences in the operator's language when the portal wrote it, else as the site sent it.</summary>
    public static string? Message(RecordLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Text is { Count: > 0 } text ? PortalTexts.Render(text, CultureInfo.CurrentUICulture) : line.Message;
    }

    /// <summary>What a cause says, in the operator's language when its records' messages are the portal's.</summary>
    public static string Template(CauseLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Text is { Count: > 0 } text ? PortalTexts.Template(text, CultureInfo.CurrentUICulture) : line.Cause.Template;
    }
}
