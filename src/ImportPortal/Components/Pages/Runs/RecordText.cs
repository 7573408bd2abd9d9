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
        return PortalTexts.ForReader(line.Text, line.Message);
    }

    /// <summary>
    /// A cause's value as the operator reads it: the record a dependency waits on names its entity in their language
    /// ("Phiếu 9001"); the value itself, which finds the records, stays as the English message holds it.
    /// </summary>
    public static string Value(IStringLocalizer<RunResource> texts, RecordCause cause, string value)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentNullException.ThrowIfNull(value);
        return cause.Kind == Domain.Migration.RecordErrorKind.Dependency && char.IsLetter(value[0]) && value.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space
            && Enum.TryParse<Domain.Mapping.EntityKind>(value[..space], ignoreCase: false, out var entity) && Enum.IsDefined(entity)
            ? $"{texts[$"Entity.{entity}"].Value}{value[space..]}"
            : value;
    }

    /// <summary>What a cause says, in the operator's language when its records' messages are the portal's.</summary>
    public static string Template(CauseLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Text is { Count: > 0 } text ? PortalTexts.Template(text, CultureInfo.CurrentUICulture) : line.Cause.Template;
    }
}
