using ImportPortal.Resources;
using ImportPortal.Runs;
using Microsoft.Extensions.Localization;

namespace ImportPortal.Components.Pages.Runs;

/// <summary>A record's error in one line, in the operator's language with Frappe's own words after it.</summary>
internal static class RecordText
{
    public static string Error(IStringLocalizer<RunResource> texts, RecordLine line)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(line);
        var kind = line.ErrorKind is { } k ? texts[$"Kind.{k}"].Value : texts[$"Record.{line.State}"].Value;
        var where = string.Join(' ', new[] { line.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture), line.ExcType }.Where(s => !string.IsNullOrEmpty(s)));
        return string.Join(" · ", new[] { kind, where, line.Message }.Where(s => !string.IsNullOrEmpty(s)));
    }
}
